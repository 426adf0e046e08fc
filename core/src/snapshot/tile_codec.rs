//! The binary tile format: postings without JSON's keys, strings stored once per tile,
//! coordinates as fixed-point, a CRC-32 over everything. See `docs/SNAPSHOT.md`.

use std::collections::HashMap;

use super::crc32::crc32;
use super::wire::{Reader, Writer, corrupt};
use crate::{
    Crs, Employer, Error, Location, Pay, PayUnit, Posting, Schedule, Settlement, Timestamp,
};

/// The first bytes of every tile file.
pub const TILE_MAGIC: [u8; 4] = *b"LGSN";
/// The tile format this engine writes and reads. Version 2 carries every UTC offset and
/// coordinate the posting reader accepts (version 1 refused offsets past ±18:00 and kept
/// coordinates only to 1e-7°).
pub const TILE_VERSION: u16 = 2;
const KIND_POSTINGS: u8 = 1;
/// Coordinates are stored in units of 1e-7 degree (about 1 cm).
const COORD_SCALE: f64 = 1e7;
/// Timestamps are stored relative to this instant (2023-11-14T22:13:20Z).
const TIME_BASE_S: i64 = 1_700_000_000;

const UNITS: [PayUnit; 5] = [
    PayUnit::Hour,
    PayUnit::Day,
    PayUnit::Month,
    PayUnit::Piece,
    PayUnit::Task,
];
const SETTLEMENTS: [Settlement; 4] = [
    Settlement::SameDay,
    Settlement::Weekly,
    Settlement::Monthly,
    Settlement::OnCompletion,
];

/// The strings of a tile, stored once each, sorted and front-coded: each string keeps the
/// bytes it shares with the one before, so addresses and employer names of one district
/// cost little more than their differences.
#[derive(Default)]
struct Strings<'a> {
    index: HashMap<&'a str, u64>,
    list: Vec<&'a str>,
}

impl<'a> Strings<'a> {
    fn collect(postings: &'a [Posting]) -> Self {
        let mut list: Vec<&'a str> = Vec::new();
        for p in postings {
            list.push(&p.id);
            list.extend(
                [&p.title, &p.trade, &p.content]
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
            list.extend(p.skills.iter().flatten().map(String::as_str));
            list.extend(p.location.as_ref().and_then(|l| l.address.as_deref()));
            if let Some(e) = &p.employer {
                list.extend(
                    [&e.name, &e.contact]
                        .into_iter()
                        .flatten()
                        .map(String::as_str),
                );
            }
        }
        list.sort_unstable();
        list.dedup();
        let index = list
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, i as u64))
            .collect();
        Self { index, list }
    }

    fn id(&self, s: &str) -> u64 {
        self.index.get(s).copied().unwrap_or_default()
    }

    fn write(&self, w: &mut Writer) {
        w.varint(self.list.len() as u64);
        let mut previous: &[u8] = &[];
        for s in &self.list {
            let bytes = s.as_bytes();
            let shared = previous
                .iter()
                .zip(bytes)
                .take_while(|(a, b)| a == b)
                .count();
            w.varint(shared as u64);
            w.varint((bytes.len() - shared) as u64);
            w.bytes.extend_from_slice(&bytes[shared..]);
            previous = bytes;
        }
    }
}

/// A tile's strings, decoded into one buffer (one allocation for the table; each posting
/// field then copies its string out once).
struct StringTable {
    text: String,
    ends: Vec<usize>,
}

impl StringTable {
    fn get(&self, i: usize) -> Option<&str> {
        let start = if i == 0 { 0 } else { *self.ends.get(i - 1)? };
        self.text.get(start..*self.ends.get(i)?)
    }
}

fn read_strings(r: &mut Reader<'_>) -> Result<StringTable, Error> {
    let n = r.count(2)?;
    let mut bytes: Vec<u8> = Vec::new();
    let mut ends: Vec<usize> = Vec::with_capacity(n);
    let mut previous = 0..0;
    for _ in 0..n {
        let shared = usize::try_from(r.varint()?).map_err(|_| corrupt("bad string prefix"))?;
        let rest = r.count(1)?;
        if shared > previous.len() {
            return Err(corrupt("string prefix longer than the previous string"));
        }
        let start = bytes.len();
        bytes.extend_from_within(previous.start..previous.start + shared);
        bytes.extend_from_slice(r.take(rest)?);
        ends.push(bytes.len());
        previous = start..bytes.len();
    }
    // Checked once as a whole: each string is UTF-8 exactly when the whole is and every
    // string ends on a character boundary.
    let text = String::from_utf8(bytes).map_err(|_| corrupt("string is not UTF-8"))?;
    if !ends.iter().all(|&end| text.is_char_boundary(end)) {
        return Err(corrupt("string is not UTF-8"));
    }
    Ok(StringTable { text, ends })
}

fn time(w: &mut Writer, t: Timestamp) {
    w.zigzag(t.unix_s() - TIME_BASE_S);
    w.zigzag(i64::from(t.offset_min()));
}

fn read_time(r: &mut Reader<'_>) -> Result<Timestamp, Error> {
    let unix = r.zigzag()?.checked_add(TIME_BASE_S);
    let offset = i16::try_from(r.zigzag()?)
        .ok()
        .filter(|o| o.unsigned_abs() <= Timestamp::MAX_OFFSET_MIN.unsigned_abs())
        .ok_or_else(|| corrupt("UTC offset beyond ±23:59"))?;
    unix.and_then(|u| Timestamp::checked_from_unix_s(u, offset))
        .ok_or_else(|| corrupt("time outside the years 0000–9999"))
}

/// A coordinate as fixed-point 1e-7°, when that is exact: `None` sends the `f64` itself.
fn fixed_coord(v: f64) -> Option<i32> {
    let scaled = (v * COORD_SCALE).round();
    let fixed = (scaled.abs() <= f64::from(i32::MAX)).then_some(scaled as i32)?;
    (f64::from(fixed) / COORD_SCALE == v).then_some(fixed)
}

/// Pay in whole cents, when that is exact: `None` sends the `f64` itself.
fn exact_cents(amount: f64) -> Option<u64> {
    let cents = amount * 100.0;
    let whole = (cents.fract() == 0.0 && (0.0..9e15).contains(&cents)).then_some(cents as u64)?;
    (whole as f64 / 100.0 == amount).then_some(whole)
}

/// Encodes postings as one tile. Everything round-trips exactly: coordinates on the 1e-7°
/// grid (about 1 cm, what seven decimals give) take four bytes each, any other finite value
/// eight.
///
/// ```
/// use linggong_core::{decode_tile, encode_tile, parse_posting};
/// let p = parse_posting(r#"{"id": "a", "trade": "电工", "pay": {"amount": 300, "unit": "day"}}"#).unwrap();
/// let bytes = encode_tile(&[p.clone()]);
/// assert_eq!(&bytes[..4], b"LGSN");
/// assert_eq!(decode_tile(&bytes).unwrap(), vec![p]);
/// ```
pub fn encode_tile(postings: &[Posting]) -> Vec<u8> {
    let strings = Strings::collect(postings);
    let mut body = Writer::default();
    body.varint(postings.len() as u64);
    for p in postings {
        body.varint(strings.id(&p.id));
        let mut mask = 0u32;
        let flags = [
            p.title.is_some(),
            p.trade.is_some(),
            p.skills.is_some(),
            p.content.is_some(),
            p.location.is_some(),
            p.schedule.is_some(),
            p.pay.is_some(),
            p.headcount.is_some(),
            p.employer.is_some(),
            p.posted_at.is_some(),
            p.valid_through.is_some(),
        ];
        for (bit, on) in flags.iter().enumerate() {
            mask |= u32::from(*on) << bit;
        }
        body.varint(u64::from(mask));
        for text in [&p.title, &p.trade].into_iter().flatten() {
            body.varint(strings.id(text));
        }
        if let Some(skills) = &p.skills {
            body.varint(skills.len() as u64);
            for s in skills {
                body.varint(strings.id(s));
            }
        }
        if let Some(c) = &p.content {
            body.varint(strings.id(c));
        }
        if let Some(l) = &p.location {
            let coords: Vec<f64> = [l.lat, l.lng].into_iter().flatten().collect();
            let fixed: Option<Vec<i32>> = coords.iter().map(|&v| fixed_coord(v)).collect();
            let sub = u8::from(l.lat.is_some())
                | u8::from(l.lng.is_some()) << 1
                | u8::from(l.address.is_some()) << 2
                | u8::from(l.crs == Crs::Gcj02) << 3
                | u8::from(fixed.is_none()) << 4;
            body.u8(sub);
            match fixed {
                Some(fixed) => fixed.into_iter().for_each(|v| body.i32(v)),
                None => coords.into_iter().for_each(|v| body.f64(v)),
            }
            if let Some(a) = &l.address {
                body.varint(strings.id(a));
            }
        }
        if let Some(s) = &p.schedule {
            body.u8(u8::from(s.start.is_some())
                | u8::from(s.end.is_some()) << 1
                | u8::from(s.hours_per_day.is_some()) << 2);
            for t in [s.start, s.end].into_iter().flatten() {
                time(&mut body, t);
            }
            if let Some(h) = s.hours_per_day {
                body.f64(h);
            }
        }
        if let Some(pay) = &p.pay {
            let cents = pay.amount.and_then(exact_cents);
            let sub = u8::from(cents.is_some())
                | u8::from(pay.amount.is_some() && cents.is_none()) << 1
                | u8::from(pay.unit.is_some()) << 2
                | u8::from(pay.settlement.is_some()) << 3;
            body.u8(sub);
            match (cents, pay.amount) {
                (Some(c), _) => body.varint(c),
                (None, Some(a)) => body.f64(a),
                (None, None) => {}
            }
            if let Some(u) = pay.unit {
                body.u8(UNITS.iter().position(|x| *x == u).unwrap_or_default() as u8);
            }
            if let Some(s) = pay.settlement {
                body.u8(SETTLEMENTS.iter().position(|x| *x == s).unwrap_or_default() as u8);
            }
        }
        if let Some(h) = p.headcount {
            body.varint(u64::from(h));
        }
        if let Some(e) = &p.employer {
            body.u8(u8::from(e.name.is_some())
                | u8::from(e.contact.is_some()) << 1
                | u8::from(e.verified) << 2);
            for text in [&e.name, &e.contact].into_iter().flatten() {
                body.varint(strings.id(text));
            }
        }
        for t in [p.posted_at, p.valid_through].into_iter().flatten() {
            time(&mut body, t);
        }
    }
    let mut out = Writer::default();
    out.bytes.extend_from_slice(&TILE_MAGIC);
    out.u16(TILE_VERSION);
    out.u8(KIND_POSTINGS);
    out.u8(0);
    strings.write(&mut out);
    out.bytes.extend_from_slice(&body.bytes);
    let sum = crc32(&out.bytes);
    out.u32(sum);
    out.bytes
}

/// Decodes a tile written by [`encode_tile`]. Foreign, truncated or corrupted data gives an
/// error (checked by magic, version, CRC-32 and every bound); no input makes it panic.
///
/// ```
/// use linggong_core::{decode_tile, encode_tile};
/// let mut bytes = encode_tile(&[]);
/// assert!(decode_tile(&bytes).unwrap().is_empty());
/// bytes[6] ^= 1;
/// assert!(decode_tile(&bytes).unwrap_err().to_string().contains("checksum"));
/// assert!(decode_tile(b"{\"id\": 1}").is_err());
/// ```
pub fn decode_tile(bytes: &[u8]) -> Result<Vec<Posting>, Error> {
    if bytes.len() < 12 || bytes[..4] != TILE_MAGIC {
        return Err(corrupt("not a Linggong snapshot tile"));
    }
    let (content, sum) = bytes.split_at(bytes.len() - 4);
    let mut sum_bytes = [0u8; 4];
    sum_bytes.copy_from_slice(sum);
    if crc32(content) != u32::from_le_bytes(sum_bytes) {
        return Err(corrupt("checksum mismatch: the tile is corrupted"));
    }
    let mut r = Reader::new(&content[4..]);
    let version = r.u16()?;
    if version != TILE_VERSION {
        return Err(corrupt(format!(
            "tile format version {version}; this engine reads version {TILE_VERSION}"
        )));
    }
    if r.u8()? != KIND_POSTINGS {
        return Err(corrupt("not a postings tile"));
    }
    r.u8()?;
    let strings = read_strings(&mut r)?;
    let string = |r: &mut Reader<'_>| -> Result<String, Error> {
        let i = r.varint()?;
        usize::try_from(i)
            .ok()
            .and_then(|i| strings.get(i))
            .map(str::to_string)
            .ok_or_else(|| corrupt("string index out of range"))
    };
    let count = r.count(2)?;
    let mut postings = Vec::with_capacity(count);
    for _ in 0..count {
        let id = string(&mut r)?;
        let mask = r.varint()?;
        if mask >> 11 != 0 {
            return Err(corrupt("unknown posting fields"));
        }
        let has = |bit: u32| mask & (1 << bit) != 0;
        let mut p = Posting {
            id,
            ..Posting::default()
        };
        if has(0) {
            p.title = Some(string(&mut r)?);
        }
        if has(1) {
            p.trade = Some(string(&mut r)?);
        }
        if has(2) {
            let n = r.count(1)?;
            p.skills = Some((0..n).map(|_| string(&mut r)).collect::<Result<_, _>>()?);
        }
        if has(3) {
            p.content = Some(string(&mut r)?);
        }
        if has(4) {
            let sub = flags(&mut r, 5, "location")?;
            let raw = sub & 16 != 0;
            let mut read_coord = |on: bool| -> Result<Option<f64>, Error> {
                if !on {
                    return Ok(None);
                }
                let v = if raw {
                    finite(r.f64()?)?
                } else {
                    f64::from(r.i32()?) / COORD_SCALE
                };
                Ok(Some(v))
            };
            let lat = read_coord(sub & 1 != 0)?;
            let lng = read_coord(sub & 2 != 0)?;
            let address = if sub & 4 != 0 {
                Some(string(&mut r)?)
            } else {
                None
            };
            let crs = if sub & 8 != 0 { Crs::Gcj02 } else { Crs::Wgs84 };
            p.location = Some(Location {
                lat,
                lng,
                crs,
                address,
            });
        }
        if has(5) {
            let sub = flags(&mut r, 3, "schedule")?;
            let start = if sub & 1 != 0 {
                Some(read_time(&mut r)?)
            } else {
                None
            };
            let end = if sub & 2 != 0 {
                Some(read_time(&mut r)?)
            } else {
                None
            };
            let hours_per_day = if sub & 4 != 0 {
                Some(finite(r.f64()?)?)
            } else {
                None
            };
            p.schedule = Some(Schedule {
                start,
                end,
                hours_per_day,
            });
        }
        if has(6) {
            let sub = flags(&mut r, 4, "pay")?;
            let amount = if sub & 1 != 0 {
                Some(r.varint()? as f64 / 100.0)
            } else if sub & 2 != 0 {
                Some(finite(r.f64()?)?)
            } else {
                None
            };
            let unit = if sub & 4 != 0 {
                Some(
                    *UNITS
                        .get(usize::from(r.u8()?))
                        .ok_or_else(|| corrupt("bad pay unit"))?,
                )
            } else {
                None
            };
            let settlement = if sub & 8 != 0 {
                Some(
                    *SETTLEMENTS
                        .get(usize::from(r.u8()?))
                        .ok_or_else(|| corrupt("bad settlement"))?,
                )
            } else {
                None
            };
            p.pay = Some(Pay {
                amount,
                unit,
                settlement,
            });
        }
        if has(7) {
            p.headcount =
                Some(u32::try_from(r.varint()?).map_err(|_| corrupt("headcount too large"))?);
        }
        if has(8) {
            let sub = flags(&mut r, 3, "employer")?;
            let name = if sub & 1 != 0 {
                Some(string(&mut r)?)
            } else {
                None
            };
            let contact = if sub & 2 != 0 {
                Some(string(&mut r)?)
            } else {
                None
            };
            p.employer = Some(Employer {
                name,
                contact,
                verified: sub & 4 != 0,
            });
        }
        if has(9) {
            p.posted_at = Some(read_time(&mut r)?);
        }
        if has(10) {
            p.valid_through = Some(read_time(&mut r)?);
        }
        postings.push(p);
    }
    if r.remaining() != 0 {
        return Err(corrupt("trailing bytes after the last posting"));
    }
    Ok(postings)
}

/// A field's flag byte, refused when it sets a bit beyond the `known` ones (a newer or
/// corrupted writer), so that no byte is silently ignored.
fn flags(r: &mut Reader<'_>, known: u32, field: &str) -> Result<u8, Error> {
    let sub = r.u8()?;
    if u32::from(sub) >> known != 0 {
        return Err(corrupt(format!("unknown {field} fields")));
    }
    Ok(sub)
}

fn finite(v: f64) -> Result<f64, Error> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(corrupt("number is not finite"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A string table of `pieces`, each stored whole (no shared prefix).
    fn table(pieces: &[&[u8]]) -> Vec<u8> {
        let mut w = Writer::default();
        w.varint(pieces.len() as u64);
        for piece in pieces {
            w.varint(0);
            w.varint(piece.len() as u64);
            w.bytes.extend_from_slice(piece);
        }
        w.bytes
    }

    /// A tile of one posting with id "" and only `posted_at`, stored as the raw varints given.
    fn tile_posted_at(unix_from_base: i64, offset_min: i64) -> Vec<u8> {
        let mut w = Writer::default();
        w.bytes.extend_from_slice(&TILE_MAGIC);
        w.u16(TILE_VERSION);
        w.u8(KIND_POSTINGS);
        w.u8(0);
        w.bytes.extend_from_slice(&table(&[b""]));
        w.varint(1); // one posting
        w.varint(0); // id: string 0
        w.varint(1 << 9); // posted_at only
        w.zigzag(unix_from_base);
        w.zigzag(offset_min);
        let sum = crc32(&w.bytes);
        w.u32(sum);
        w.bytes
    }

    #[test]
    fn offsets_up_to_23_59_read_back_and_beyond_are_refused_without_overflow() {
        let at = |off| decode_tile(&tile_posted_at(0, off)).map(|p| p[0].posted_at.unwrap());
        assert_eq!(
            at(23 * 60 + 59).unwrap().to_string(),
            "2023-11-15T22:12:20+23:59"
        );
        assert_eq!(at(-(23 * 60 + 59)).unwrap().offset_min(), -(23 * 60 + 59));
        for bad in [24 * 60, -24 * 60, -32768, 32767, i64::MIN, i64::MAX] {
            let err = at(bad).unwrap_err().to_string();
            assert!(err.contains("UTC offset"), "{bad}: {err}");
        }
    }

    #[test]
    fn times_outside_the_years_0000_to_9999_are_refused() {
        let at = |unix: i64| decode_tile(&tile_posted_at(unix.wrapping_sub(TIME_BASE_S), 0));
        assert!(at(253_402_300_799).is_ok()); // 9999-12-31T23:59:59Z
        for bad in [
            253_402_300_800,
            146_138_514_337 * 31_556_952,
            i64::MAX,
            i64::MIN,
        ] {
            let err = at(bad).unwrap_err().to_string();
            assert!(err.contains("years"), "{bad}: {err}");
        }
    }

    #[test]
    fn coordinates_off_the_grid_or_out_of_range_round_trip_exactly() {
        for (lat, lng) in [
            (32.06, 118.79),
            (32.060_312_345_678, -179.999_999_987),
            (200.0, -1e300),
            (-90.0, 180.0),
        ] {
            let p = Posting {
                location: Some(Location {
                    lat: Some(lat),
                    lng: Some(lng),
                    ..Location::default()
                }),
                ..Posting::default()
            };
            assert_eq!(
                decode_tile(&encode_tile(std::slice::from_ref(&p))).unwrap(),
                vec![p]
            );
        }
    }

    #[test]
    fn unknown_flag_bits_are_refused() {
        let p = Posting {
            pay: Some(Pay::default()),
            ..Posting::default()
        };
        let mut bytes = encode_tile(&[p]);
        let n = bytes.len();
        bytes[n - 5] |= 1 << 5; // the pay flags are the last byte before the checksum
        let sum = crc32(&bytes[..n - 4]);
        bytes[n - 4..].copy_from_slice(&sum.to_le_bytes());
        assert!(
            decode_tile(&bytes)
                .unwrap_err()
                .to_string()
                .contains("unknown pay fields")
        );
    }

    #[test]
    fn a_string_table_reads_back_each_string() {
        let bytes = table(&["南京".as_bytes(), b"ab", b""]);
        let t = read_strings(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(
            (t.get(0), t.get(1), t.get(2), t.get(3)),
            (Some("南京"), Some("ab"), Some(""), None)
        );
    }

    #[test]
    fn a_character_split_across_two_strings_is_not_utf8_even_though_the_whole_is() {
        let south = "南".as_bytes();
        let bytes = table(&[&south[..2], &south[2..]]);
        let err = read_strings(&mut Reader::new(&bytes)).err().unwrap();
        assert!(err.to_string().contains("not UTF-8"), "{err}");
        let bytes = table(&[b"ok", &[0xFF]]);
        assert!(read_strings(&mut Reader::new(&bytes)).is_err());
    }
}
