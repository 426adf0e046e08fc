use serde::Serialize;

/// The matching-floor category of a trade: the four of the Jiangsu standard (item 6) and
/// three more the gig markets need.
///
/// ```
/// use linggong_core::TradeCategory;
/// assert_eq!(TradeCategory::Construction.name_zh(), "建筑和装饰装修业");
/// assert_eq!(TradeCategory::from_key("new_forms"), Some(TradeCategory::NewForms));
/// assert_eq!(serde_json::to_string(&TradeCategory::LifeServices).unwrap(), "\"life_services\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TradeCategory {
    /// 建筑和装饰装修业.
    Construction,
    /// 生活性服务业: domestic, care, catering, cleaning, security, retail, beauty, repair.
    LifeServices,
    /// 劳动密集型制造业.
    Manufacturing,
    /// 新就业形态: platform delivery, ride-hailing, live streaming, online work.
    NewForms,
    /// 交通运输和物流: loading, sorting, warehousing, driving, courier.
    Logistics,
    /// 农林牧渔.
    Agriculture,
    /// 商务和办公服务: customer service, events, promotion, data entry.
    BusinessServices,
}

impl TradeCategory {
    /// Every category, in display order.
    ///
    /// ```
    /// use linggong_core::TradeCategory;
    /// assert_eq!(TradeCategory::ALL.len(), 7);
    /// ```
    pub const ALL: [TradeCategory; 7] = [
        TradeCategory::Construction,
        TradeCategory::LifeServices,
        TradeCategory::Manufacturing,
        TradeCategory::NewForms,
        TradeCategory::Logistics,
        TradeCategory::Agriculture,
        TradeCategory::BusinessServices,
    ];

    /// The stable key used in data files and JSON.
    ///
    /// ```
    /// use linggong_core::TradeCategory;
    /// assert_eq!(TradeCategory::BusinessServices.key(), "business_services");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            TradeCategory::Construction => "construction",
            TradeCategory::LifeServices => "life_services",
            TradeCategory::Manufacturing => "manufacturing",
            TradeCategory::NewForms => "new_forms",
            TradeCategory::Logistics => "logistics",
            TradeCategory::Agriculture => "agriculture",
            TradeCategory::BusinessServices => "business_services",
        }
    }

    /// The category from its key.
    ///
    /// ```
    /// use linggong_core::TradeCategory;
    /// assert_eq!(TradeCategory::from_key("nonsense"), None);
    /// ```
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The Chinese name shown to people.
    ///
    /// ```
    /// use linggong_core::TradeCategory;
    /// assert_eq!(TradeCategory::NewForms.name_zh(), "新就业形态");
    /// ```
    pub fn name_zh(self) -> &'static str {
        match self {
            TradeCategory::Construction => "建筑和装饰装修业",
            TradeCategory::LifeServices => "生活性服务业",
            TradeCategory::Manufacturing => "劳动密集型制造业",
            TradeCategory::NewForms => "新就业形态",
            TradeCategory::Logistics => "交通运输和物流",
            TradeCategory::Agriculture => "农林牧渔",
            TradeCategory::BusinessServices => "商务和办公服务",
        }
    }
}
