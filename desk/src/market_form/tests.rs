use linggong_core::{Availability, LocalTime, Weekday, parse_market};
use linggong_ui::i18n::Lang;

use super::*;

fn station() -> Market {
    parse_market(
        r#"{"id": "market-320102-1", "name": "玄武区零工驿站（演示数据）", "kind": "station",
        "address": "南京市玄武区中山路18号", "location": {"lat": 32.061234, "lng": 118.796877},
        "phone": "12333", "hours": [
            {"days": ["mon", "tue", "wed", "thu", "fri"], "from": "08:30", "to": "17:30"},
            {"days": ["sat"], "from": "09:00", "to": "12:00"},
            {"days": ["sat", "sun"], "from": "18:00", "to": "24:00"}],
        "services": ["零工登记", "职业指导", "劳动维权"], "demo": true}"#,
    )
    .unwrap()
}

fn filled() -> MarketForm {
    MarketForm {
        name: "鼓楼区零工市场".into(),
        address: "南京市鼓楼区中山北路1号".into(),
        lat: "32.06".into(),
        lng: "118.79".into(),
        ..MarketForm::new("m-0123456789ab".into())
    }
}

#[test]
fn a_market_reads_back_the_same_through_the_form() {
    let m = station();
    let form = MarketForm::from_market(&m);
    assert_eq!(form.services, "零工登记、职业指导、劳动维权");
    assert_eq!(form.hours.len(), 3, "every row of hours kept");
    assert_eq!(form.market(), Ok(m));
}

#[test]
fn a_new_form_filled_in_is_a_market_with_its_services_split() {
    let form = MarketForm {
        services: "零工登记, 技能培训，劳动维权；".into(),
        phone: " ".into(),
        ..filled()
    };
    let m = form.market().unwrap();
    assert_eq!(m.id, "m-0123456789ab");
    assert_eq!(m.kind, MarketKind::Market);
    assert_eq!(m.services, ["零工登记", "技能培训", "劳动维权"]);
    assert_eq!(m.phone, None, "a blank phone is left out");
    assert!(!m.demo);
    assert_eq!(m.hours[0].days.len(), 5);
    assert_eq!(m.hours[0].to, LocalTime::from_hm(17, 30).unwrap());
}

#[test]
fn several_rows_of_hours_are_kept_in_order() {
    let mut form = filled();
    form.hours.push(HoursRow {
        days: [false, false, false, false, false, true, true],
        from: "9:00".into(),
        to: "12:00".into(),
    });
    let hours = form.market().unwrap().hours;
    assert_eq!(hours.len(), 2);
    assert_eq!(hours[1].days, [Weekday::Sat, Weekday::Sun]);
    assert_eq!(hours[1].from, LocalTime::from_hm(9, 0).unwrap());
    form.hours.clear();
    assert_eq!(form.market().unwrap().hours, [], "no hours is allowed");
}

fn error_of(form: MarketForm) -> FormError {
    form.market().unwrap_err()
}

#[test]
fn each_mistake_names_its_input_in_chinese_and_english() {
    let e = error_of(MarketForm {
        name: "  ".into(),
        ..filled()
    });
    assert_eq!(
        (e.field.as_str(), e.message(Lang::Zh)),
        ("m-name", "请填写名称")
    );
    assert_eq!(e.message(Lang::En), "The name is required");
    let field = |form: MarketForm| error_of(form).field;
    assert_eq!(
        field(MarketForm {
            kind: "shop".into(),
            ..filled()
        }),
        "m-kind"
    );
    assert_eq!(
        field(MarketForm {
            address: String::new(),
            ..filled()
        }),
        "m-address"
    );
    assert_eq!(
        field(MarketForm {
            lat: "91".into(),
            ..filled()
        }),
        "m-lat"
    );
    assert_eq!(
        field(MarketForm {
            lat: "北纬32".into(),
            ..filled()
        }),
        "m-lat"
    );
    assert_eq!(
        field(MarketForm {
            lng: "-180.5".into(),
            ..filled()
        }),
        "m-lng"
    );
    assert_eq!(
        field(MarketForm {
            lng: String::new(),
            ..filled()
        }),
        "m-lng"
    );
    assert!(
        error_of(MarketForm {
            lng: "200".into(),
            ..filled()
        })
        .zh
        .contains("经度")
    );
}

#[test]
fn a_row_of_hours_is_named_by_its_input_and_its_number() {
    let with_row = |row: HoursRow| {
        let mut form = filled();
        form.hours.push(row);
        error_of(form)
    };
    let no_day = with_row(HoursRow {
        days: [false; 7],
        ..HoursRow::default()
    });
    assert_eq!(no_day.field, "m-day-1-0");
    assert_eq!(no_day.zh, "第 2 段时间：请至少选一天");
    assert_eq!(no_day.en, "Hours, row 2: tick at least one day");
    for bad in ["8.30", "08:3", "25:00", "08:60", "早上八点", "", "+8:30"] {
        let e = with_row(HoursRow {
            from: bad.into(),
            ..HoursRow::default()
        });
        assert_eq!(e.field, "m-from-1", "{bad}");
    }
    let e = with_row(HoursRow {
        to: "17：30".into(),
        ..HoursRow::default()
    });
    assert_eq!(e.field, "m-to-1");
    let backwards = with_row(HoursRow {
        from: "17:30".into(),
        to: "08:30".into(),
        ..HoursRow::default()
    });
    assert_eq!(backwards.field, "m-to-1");
    assert!(backwards.zh.contains("晚于"), "{}", backwards.zh);
}

#[test]
fn a_position_kept_in_gcj02_is_shown_and_saved_in_wgs84() {
    let mut m = station();
    m.location.crs = linggong_core::Crs::Gcj02;
    let saved = MarketForm::from_market(&m).market().unwrap();
    assert_eq!(saved.location.crs, linggong_core::Crs::Wgs84);
    let moved = m.position().unwrap();
    assert!((saved.location.lat.unwrap() - moved.lat).abs() < 1e-6);
    assert!((saved.location.lng.unwrap() - moved.lng).abs() < 1e-6);
}

#[test]
fn hours_read_as_people_say_them() {
    let row = |days: &[Weekday], from: (u16, u16), to: (u16, u16)| Availability {
        days: days.to_vec(),
        from: LocalTime::from_hm(from.0, from.1).unwrap(),
        to: LocalTime::from_hm(to.0, to.1).unwrap(),
    };
    use Weekday::*;
    let weekdays = row(&[Mon, Tue, Wed, Thu, Fri], (8, 30), (17, 30));
    assert_eq!(hours_label(&weekdays, Lang::Zh), "周一至周五 08:30–17:30");
    assert_eq!(hours_label(&weekdays, Lang::En), "Mon–Fri 08:30–17:30");
    let all = row(&[Sun, Mon, Tue, Wed, Thu, Fri, Sat], (6, 30), (19, 0));
    assert_eq!(hours_label(&all, Lang::Zh), "每天 06:30–19:00");
    let weekend = row(&[Sat, Sun], (9, 0), (24, 0));
    assert_eq!(hours_label(&weekend, Lang::Zh), "周六、周日 09:00–24:00");
    let mixed = row(&[Mon, Wed, Thu, Fri, Sun], (9, 0), (12, 0));
    assert_eq!(
        hours_label(&mixed, Lang::Zh),
        "周一、周三至周五、周日 09:00–12:00"
    );
    assert_eq!(
        hours_label(&mixed, Lang::En),
        "Mon, Wed–Fri, Sun 09:00–12:00"
    );
}

#[test]
fn a_field_the_server_names_is_found_in_the_form() {
    assert_eq!(input_for_field("name").as_deref(), Some("m-name"));
    assert_eq!(input_for_field("location.lat").as_deref(), Some("m-lat"));
    assert_eq!(input_for_field("hours[2].to").as_deref(), Some("m-to-2"));
    assert_eq!(
        input_for_field("hours[0].days").as_deref(),
        Some("m-day-0-0")
    );
    assert_eq!(
        input_for_field("services[1]").as_deref(),
        Some("m-services")
    );
    assert_eq!(input_for_field("demo"), None);
    assert_eq!(input_for_field("hours[x].to"), None);
}
