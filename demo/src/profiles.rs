//! What gigs of each category look like: pay units, pay in a third-tier city, hours,
//! settlement, skills and the wording of their content.

use linggong_core::{PayUnit, Settlement, TradeCategory};

/// How gigs of one category are usually offered.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    /// `(unit, weight, pay per unit in yuan in a third-tier city)`.
    pub pay: &'static [(PayUnit, f64, f64)],
    /// Hours per day, low and high.
    pub hours: (f64, f64),
    /// Usual settlements.
    pub settlements: &'static [Settlement],
    /// Skills asked for (the first is the most common).
    pub skills: &'static [&'static str],
    /// Content sentences, one is picked and joined with a condition.
    pub content: &'static [&'static str],
    /// Employer name endings.
    pub employer: &'static [&'static str],
    /// Share of all demo gigs.
    pub share: f64,
}

use PayUnit::*;
use Settlement::*;

/// The profile of a category.
pub fn profile(category: TradeCategory) -> Profile {
    match category {
        TradeCategory::Construction => Profile {
            pay: &[(Day, 0.8, 280.0), (Task, 0.2, 1500.0)],
            hours: (8.0, 9.0),
            settlements: &[SameDay, OnCompletion, Weekly],
            skills: &["有相关经验", "自带工具", "会看图纸", "持证上岗"],
            content: &[
                "二手房翻新，工期约{days}天",
                "新房装修，材料已到场",
                "厂房维修改造",
                "小区外墙及楼道维修",
                "商铺装修，需赶工期",
            ],
            employer: &["装修队", "建筑劳务有限公司", "装饰工程部", "工程队"],
            share: 22.0,
        },
        TradeCategory::LifeServices => Profile {
            pay: &[(Hour, 0.4, 25.0), (Day, 0.4, 170.0), (Month, 0.2, 4600.0)],
            hours: (4.0, 10.0),
            settlements: &[SameDay, Weekly, Monthly],
            skills: &["不限", "有健康证", "做事细心", "有相关经验"],
            content: &[
                "为家庭和门店提供服务，工作环境干净",
                "周末客流大，需要帮手",
                "长期合作，表现好可转长期",
                "工作内容简单，可培训上岗",
            ],
            employer: &[
                "家政服务部",
                "餐饮店",
                "物业服务中心",
                "便利店",
                "美容美发店",
            ],
            share: 30.0,
        },
        TradeCategory::Manufacturing => Profile {
            pay: &[(Hour, 0.5, 21.0), (Piece, 0.2, 0.6), (Day, 0.3, 180.0)],
            hours: (8.0, 11.0),
            settlements: &[Weekly, Monthly, SameDay],
            skills: &["不限", "能适应站立作业", "有工厂经验", "视力好"],
            content: &[
                "车间流水线作业，有空调",
                "订单旺季短期用工",
                "坐着作业，工作轻松",
                "两班倒，夜班有补贴",
            ],
            employer: &["电子厂", "食品厂", "服装厂", "包装制品厂"],
            share: 15.0,
        },
        TradeCategory::Logistics => Profile {
            pay: &[(Day, 0.5, 200.0), (Hour, 0.3, 24.0), (Piece, 0.2, 1.2)],
            hours: (6.0, 10.0),
            settlements: &[SameDay, Weekly],
            skills: &["不限", "能吃苦耐劳", "持驾驶证", "熟悉本地路线"],
            content: &[
                "仓库装卸和分拣，当天结算",
                "物流园夜班，提供宵夜",
                "电商大促期间临时用工",
                "按件计酬，多劳多得",
            ],
            employer: &["物流有限公司", "仓储中心", "快递站点", "货运部"],
            share: 15.0,
        },
        TradeCategory::NewForms => Profile {
            pay: &[(Piece, 0.6, 6.5), (Hour, 0.2, 28.0), (Task, 0.2, 220.0)],
            hours: (4.0, 10.0),
            settlements: &[Weekly, SameDay],
            skills: &["不限", "自备电动车", "会用智能手机", "普通话标准"],
            content: &[
                "平台派单，时间自由",
                "高峰时段单量多",
                "按单结算，可兼职",
                "提供培训，上手快",
            ],
            employer: &["网络科技有限公司", "文化传媒工作室", "同城配送站"],
            share: 8.0,
        },
        TradeCategory::Agriculture => Profile {
            pay: &[(Day, 0.7, 150.0), (Piece, 0.3, 1.5)],
            hours: (6.0, 9.0),
            settlements: &[SameDay],
            skills: &["不限", "会干农活", "能吃苦"],
            content: &[
                "农忙时节帮工，包午饭",
                "果园采摘季，按斤计价",
                "大棚蔬菜种植管理",
                "苗木基地养护",
            ],
            employer: &["农业合作社", "家庭农场", "果蔬种植基地"],
            share: 5.0,
        },
        TradeCategory::BusinessServices => Profile {
            pay: &[(Hour, 0.6, 25.0), (Day, 0.4, 180.0)],
            hours: (4.0, 8.0),
            settlements: &[SameDay, Weekly],
            skills: &["不限", "普通话标准", "会用电脑", "形象得体"],
            content: &[
                "会展活动现场服务",
                "周末门店活动执行",
                "数据整理和录入",
                "电话回访客户",
            ],
            employer: &["会展服务有限公司", "文化传播公司", "信息咨询服务部"],
            share: 5.0,
        },
    }
}

/// Wording that breaks the standards, mixed into a share of demo gigs so the audit has work.
pub const BAD_WORDING: [&str; 12] = [
    "限男性",
    "限女性，年龄18-30岁",
    "35岁以下",
    "乙肝勿扰",
    "限本地户口",
    "已婚已育优先",
    "入职交押金200元",
    "需交培训费300元",
    "服装费自理100元",
    "先交报名费50元",
    "押身份证",
    "残疾人勿扰",
];
