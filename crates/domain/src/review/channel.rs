use serde::{Deserialize, Serialize};

/// Where a review was given: the national `pf` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 1: a PC web page.
    #[default]
    Pc,
    /// 2: a mobile web page or app.
    Mobile,
    /// 3: a QR code handed out with the result.
    Qr,
    /// 4: the counter tablet (评价器) in the service hall.
    Kiosk,
    /// 5: another terminal in the hall.
    HallTerminal,
    /// 6: an SMS reply.
    Sms,
    /// 7: recorded by the system when nobody rated in time.
    SystemDefault,
}

impl Channel {
    /// The national channel code, 1..=7.
    pub fn code(self) -> u8 {
        match self {
            Channel::Pc => 1,
            Channel::Mobile => 2,
            Channel::Qr => 3,
            Channel::Kiosk => 4,
            Channel::HallTerminal => 5,
            Channel::Sms => 6,
            Channel::SystemDefault => 7,
        }
    }

    pub fn from_code(code: u8) -> Option<Self> {
        Some(match code {
            1 => Channel::Pc,
            2 => Channel::Mobile,
            3 => Channel::Qr,
            4 => Channel::Kiosk,
            5 => Channel::HallTerminal,
            6 => Channel::Sms,
            7 => Channel::SystemDefault,
            _ => return None,
        })
    }

    /// Counter channels rate service staff (效率, 水平, 态度); online ones rate the platform.
    pub fn is_counter(self) -> bool {
        matches!(self, Channel::Kiosk | Channel::HallTerminal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for code in 1..=7 {
            assert_eq!(Channel::from_code(code).map(Channel::code), Some(code));
        }
        assert_eq!(Channel::from_code(0), None);
        assert_eq!(Channel::from_code(8), None);
    }
}
