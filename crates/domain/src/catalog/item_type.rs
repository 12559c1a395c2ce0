use serde::{Deserialize, Serialize};

use super::reader::Choice;

/// The type of a government-service item (事项类型), written as the two-letter code that
/// the national catalogue uses, because that code also appears in published guides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ItemType {
    /// 行政许可
    #[serde(rename = "XK")]
    Licensing,
    /// 行政处罚
    #[serde(rename = "CF")]
    Penalty,
    /// 行政确认
    #[serde(rename = "QR")]
    Confirmation,
    /// 行政征收
    #[serde(rename = "ZS")]
    Levy,
    /// 行政给付
    #[serde(rename = "JF")]
    Benefit,
    /// 行政奖励
    #[serde(rename = "JL")]
    Reward,
    /// 行政裁决
    #[serde(rename = "CJ")]
    Adjudication,
    /// 行政强制
    #[serde(rename = "QZ")]
    Enforcement,
    /// 行政检查
    #[serde(rename = "JC")]
    Inspection,
    /// 其他行政权力
    #[serde(rename = "QT")]
    OtherPower,
    /// 公共服务
    #[serde(rename = "GG")]
    PublicService,
}

impl ItemType {
    pub const ALL: [Self; 11] = [
        Self::Licensing,
        Self::Penalty,
        Self::Confirmation,
        Self::Levy,
        Self::Benefit,
        Self::Reward,
        Self::Adjudication,
        Self::Enforcement,
        Self::Inspection,
        Self::OtherPower,
        Self::PublicService,
    ];

    /// The two-letter code, as serialized.
    pub fn code(self) -> &'static str {
        match self {
            Self::Licensing => "XK",
            Self::Penalty => "CF",
            Self::Confirmation => "QR",
            Self::Levy => "ZS",
            Self::Benefit => "JF",
            Self::Reward => "JL",
            Self::Adjudication => "CJ",
            Self::Enforcement => "QZ",
            Self::Inspection => "JC",
            Self::OtherPower => "QT",
            Self::PublicService => "GG",
        }
    }

    /// The Chinese name shown to citizens.
    pub fn name_zh(self) -> &'static str {
        match self {
            Self::Licensing => "行政许可",
            Self::Penalty => "行政处罚",
            Self::Confirmation => "行政确认",
            Self::Levy => "行政征收",
            Self::Benefit => "行政给付",
            Self::Reward => "行政奖励",
            Self::Adjudication => "行政裁决",
            Self::Enforcement => "行政强制",
            Self::Inspection => "行政检查",
            Self::OtherPower => "其他行政权力",
            Self::PublicService => "公共服务",
        }
    }
}

impl ItemType {
    /// The English name, for the lookup's English view.
    pub fn name_en(self) -> &'static str {
        match self {
            Self::Licensing => "Administrative licensing",
            Self::Penalty => "Administrative penalty",
            Self::Confirmation => "Administrative confirmation",
            Self::Levy => "Administrative levy",
            Self::Benefit => "Administrative benefit",
            Self::Reward => "Administrative reward",
            Self::Adjudication => "Administrative adjudication",
            Self::Enforcement => "Administrative enforcement",
            Self::Inspection => "Administrative inspection",
            Self::OtherPower => "Other administrative power",
            Self::PublicService => "Public service",
        }
    }

    /// The type with this two-letter code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
}

impl Choice for ItemType {
    const ALLOWED: &'static str = "XK, CF, QR, ZS, JF, JL, CJ, QZ, JC, QT, GG";
}
