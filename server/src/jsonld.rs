//! One posting as schema.org `JobPosting` JSON-LD, for search engines and platforms that
//! read it (Google for Jobs, Baidu's structured data).

use linggong_core::{GeoPoint, PayUnit, Posting, Settlement};
use serde_json::{Value, json};

/// schema.org's `unitText` for a pay unit. `HOUR`, `DAY` and `MONTH` are schema.org's own;
/// piece and task rates have no schema.org word, so they are written `PIECE` and `TASK`.
fn unit_text(unit: PayUnit) -> &'static str {
    match unit {
        PayUnit::Hour => "HOUR",
        PayUnit::Day => "DAY",
        PayUnit::Month => "MONTH",
        PayUnit::Piece => "PIECE",
        PayUnit::Task => "TASK",
    }
}

/// The posting as a `JobPosting`: every gig is `TEMPORARY`, and `PER_DIEM` too when it pays
/// by the day or settles the same day. Coordinates are WGS-84, as schema.org expects.
pub fn job_posting(p: &Posting) -> Value {
    let mut job = json!({
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "identifier": {"@type": "PropertyValue", "name": "linggong", "value": p.id},
        "title": p.title.clone().or_else(|| p.trade.clone()).unwrap_or_default(),
        "description": p.content.clone().unwrap_or_default(),
    });
    let per_diem = p.pay.as_ref().is_some_and(|pay| {
        pay.unit == Some(PayUnit::Day) || pay.settlement == Some(Settlement::SameDay)
    });
    job["employmentType"] = if per_diem {
        json!(["TEMPORARY", "PER_DIEM"])
    } else {
        json!(["TEMPORARY"])
    };
    if let Some(t) = p.posted_at {
        job["datePosted"] = json!(t.to_string());
    }
    if let Some(t) = p.valid_through {
        job["validThrough"] = json!(t.to_string());
    }
    if let Some(start) = p.schedule.as_ref().and_then(|s| s.start) {
        job["jobStartDate"] = json!(start.to_string());
    }
    if let Some(n) = p.headcount {
        job["totalJobOpenings"] = json!(n);
    }
    if let Some(trade) = &p.trade {
        job["occupationalCategory"] = json!(trade);
    }
    if let Some(skills) = &p.skills {
        job["skills"] = json!(skills.join("、"));
    }
    if let Some(name) = p.employer.as_ref().and_then(|e| e.name.clone()) {
        job["hiringOrganization"] = json!({"@type": "Organization", "name": name});
    }
    if let Some(place) = job_location(p) {
        job["jobLocation"] = place;
    }
    if let Some(pay) = &p.pay
        && let (Some(amount), Some(unit)) = (pay.amount, pay.unit)
    {
        job["baseSalary"] = json!({
            "@type": "MonetaryAmount",
            "currency": "CNY",
            "value": {"@type": "QuantitativeValue", "value": amount, "unitText": unit_text(unit)},
        });
    }
    job
}

fn job_location(p: &Posting) -> Option<Value> {
    let l = p.location.as_ref()?;
    let mut place = json!({"@type": "Place"});
    place["address"] = json!({
        "@type": "PostalAddress",
        "streetAddress": l.address.clone().unwrap_or_default(),
        "addressCountry": "CN",
    });
    if let (Some(lat), Some(lng)) = (l.lat, l.lng)
        && let Ok(wgs) = GeoPoint::from_crs(lat, lng, l.crs)
    {
        place["geo"] =
            json!({"@type": "GeoCoordinates", "latitude": wgs.lat, "longitude": wgs.lng});
    }
    Some(place)
}
