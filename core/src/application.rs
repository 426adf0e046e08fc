//! An application's life (报名 → 录用 → 结果确认 → 到岗 → 完工): which step each party may
//! take from which state. One table, read by the server (which enforces it), the desk and
//! the phone (which offer only the steps it allows).

use serde::{Deserialize, Serialize};

/// Where an application is.
///
/// ```
/// use linggong_core::ApplicationStatus;
/// assert_eq!(serde_json::to_string(&ApplicationStatus::NoShow).unwrap(), "\"no_show\"");
/// assert_eq!(ApplicationStatus::parse("offered"), Some(ApplicationStatus::Offered));
/// assert!(ApplicationStatus::Withdrawn.is_final());
/// assert!(!ApplicationStatus::Completed.is_final()); // it can still be disputed
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// 已投递: the employer has it.
    Submitted,
    /// 已录用，请确认: the employer offers the gig; the seeker is asked to confirm.
    Offered,
    /// 已确认 (结果确认): the seeker confirmed the offer.
    Confirmed,
    /// 已到岗: the seeker arrived.
    Arrived,
    /// 已完工: the work is done.
    Completed,
    /// 未录用: the employer declined.
    Declined,
    /// 已撤回: the seeker withdrew.
    Withdrawn,
    /// 已失效: an offer not confirmed in time.
    Expired,
    /// 未到岗: the seeker did not come.
    NoShow,
    /// 有争议: a side disputes how it ended.
    Disputed,
}

impl ApplicationStatus {
    /// Every status.
    pub const ALL: [Self; 10] = [
        Self::Submitted,
        Self::Offered,
        Self::Confirmed,
        Self::Arrived,
        Self::Completed,
        Self::Declined,
        Self::Withdrawn,
        Self::Expired,
        Self::NoShow,
        Self::Disputed,
    ];

    /// As stored and sent (`no_show`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Offered => "offered",
            Self::Confirmed => "confirmed",
            Self::Arrived => "arrived",
            Self::Completed => "completed",
            Self::Declined => "declined",
            Self::Withdrawn => "withdrawn",
            Self::Expired => "expired",
            Self::NoShow => "no_show",
            Self::Disputed => "disputed",
        }
    }

    /// The status `text` names.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether no step leads on from here.
    pub fn is_final(self) -> bool {
        Step::ALL
            .iter()
            .all(|step| Party::ALL.iter().all(|p| step.next(self, *p).is_err()))
    }
}

/// Who takes a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The seeker, by the application's token.
    Seeker,
    /// The employer whose posting it is.
    Employer,
    /// Market staff (at the counter or on the desk), who may act for the employer.
    Staff,
    /// The server itself (an offer's time running out).
    System,
}

impl Party {
    const ALL: [Self; 4] = [Self::Seeker, Self::Employer, Self::Staff, Self::System];
}

/// A step in an application's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 录用: the employer offers the gig.
    Offer,
    /// 不录用: the employer declines.
    Decline,
    /// 确认: the seeker confirms the offer (结果确认).
    Confirm,
    /// 撤回: the seeker withdraws, before the work starts.
    Withdraw,
    /// 到岗: the seeker arrived (either side records it).
    Arrive,
    /// 完工: the work is done.
    Complete,
    /// 未到岗: the seeker did not come.
    NoShow,
    /// 有争议: a side disputes how it ended.
    Dispute,
    /// 失效: the offer was not confirmed in time.
    Expire,
}

/// Why a step cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepRefused {
    /// This party never takes this step.
    NotYours,
    /// Not from the present state.
    WrongState,
}

impl Step {
    /// Every step.
    pub const ALL: [Self; 9] = [
        Self::Offer,
        Self::Decline,
        Self::Confirm,
        Self::Withdraw,
        Self::Arrive,
        Self::Complete,
        Self::NoShow,
        Self::Dispute,
        Self::Expire,
    ];

    /// As written in paths (`/applications/{id}/no_show`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Offer => "offer",
            Self::Decline => "decline",
            Self::Confirm => "confirm",
            Self::Withdraw => "withdraw",
            Self::Arrive => "arrive",
            Self::Complete => "complete",
            Self::NoShow => "no_show",
            Self::Dispute => "dispute",
            Self::Expire => "expire",
        }
    }

    /// The step `text` names.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Who may take this step, and from which states; and the state it leads to.
    fn rule(
        self,
    ) -> (
        &'static [Party],
        &'static [ApplicationStatus],
        ApplicationStatus,
    ) {
        use ApplicationStatus as S;
        const HIRING: &[Party] = &[Party::Employer, Party::Staff];
        const EITHER: &[Party] = &[Party::Seeker, Party::Employer, Party::Staff];
        match self {
            Self::Offer => (HIRING, &[S::Submitted], S::Offered),
            Self::Decline => (HIRING, &[S::Submitted, S::Offered], S::Declined),
            Self::Confirm => (&[Party::Seeker], &[S::Offered], S::Confirmed),
            Self::Withdraw => (
                &[Party::Seeker],
                &[S::Submitted, S::Offered, S::Confirmed],
                S::Withdrawn,
            ),
            Self::Arrive => (EITHER, &[S::Confirmed], S::Arrived),
            Self::Complete => (HIRING, &[S::Arrived], S::Completed),
            Self::NoShow => (HIRING, &[S::Confirmed], S::NoShow),
            Self::Dispute => (EITHER, &[S::Arrived, S::Completed, S::NoShow], S::Disputed),
            Self::Expire => (&[Party::System], &[S::Offered], S::Expired),
        }
    }

    /// The state this step leads to, from wherever it is allowed.
    ///
    /// ```
    /// use linggong_core::{ApplicationStatus, Step};
    /// assert_eq!(Step::Confirm.leads_to(), ApplicationStatus::Confirmed);
    /// ```
    pub fn leads_to(self) -> ApplicationStatus {
        self.rule().2
    }

    /// The state this step leads to from `from`, taken by `party`.
    ///
    /// ```
    /// use linggong_core::{ApplicationStatus as S, Party, Step, StepRefused};
    /// assert_eq!(Step::Offer.next(S::Submitted, Party::Employer), Ok(S::Offered));
    /// assert_eq!(Step::Confirm.next(S::Offered, Party::Seeker), Ok(S::Confirmed));
    /// assert_eq!(Step::Confirm.next(S::Offered, Party::Employer), Err(StepRefused::NotYours));
    /// assert_eq!(Step::Complete.next(S::Submitted, Party::Staff), Err(StepRefused::WrongState));
    /// ```
    pub fn next(
        self,
        from: ApplicationStatus,
        party: Party,
    ) -> Result<ApplicationStatus, StepRefused> {
        let (parties, froms, to) = self.rule();
        if !parties.contains(&party) {
            Err(StepRefused::NotYours)
        } else if !froms.contains(&from) {
            Err(StepRefused::WrongState)
        } else {
            Ok(to)
        }
    }

    /// The steps `party` may take from `from`, for the buttons a page shows.
    ///
    /// ```
    /// use linggong_core::{ApplicationStatus as S, Party, Step};
    /// assert_eq!(Step::open_to(S::Offered, Party::Seeker), vec![Step::Confirm, Step::Withdraw]);
    /// ```
    pub fn open_to(from: ApplicationStatus, party: Party) -> Vec<Self> {
        Self::ALL
            .into_iter()
            .filter(|s| s.next(from, party).is_ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table written out as the issue states it, edge by edge, to compare with the rule.
    const EDGES: [(ApplicationStatus, Step, ApplicationStatus); 14] = {
        use ApplicationStatus as S;
        [
            (S::Submitted, Step::Offer, S::Offered),
            (S::Submitted, Step::Decline, S::Declined),
            (S::Submitted, Step::Withdraw, S::Withdrawn),
            (S::Offered, Step::Decline, S::Declined),
            (S::Offered, Step::Confirm, S::Confirmed),
            (S::Offered, Step::Withdraw, S::Withdrawn),
            (S::Offered, Step::Expire, S::Expired),
            (S::Confirmed, Step::Withdraw, S::Withdrawn),
            (S::Confirmed, Step::Arrive, S::Arrived),
            (S::Confirmed, Step::NoShow, S::NoShow),
            (S::Arrived, Step::Complete, S::Completed),
            (S::Arrived, Step::Dispute, S::Disputed),
            (S::Completed, Step::Dispute, S::Disputed),
            (S::NoShow, Step::Dispute, S::Disputed),
        ]
    };

    #[test]
    fn every_state_and_step_is_allowed_exactly_where_the_table_says() {
        for from in ApplicationStatus::ALL {
            for step in Step::ALL {
                let allowed = Party::ALL.iter().filter_map(|p| step.next(from, *p).ok());
                let expected = EDGES
                    .iter()
                    .find(|(f, s, _)| *f == from && *s == step)
                    .map(|(_, _, to)| *to);
                for to in allowed {
                    assert_eq!(Some(to), expected, "{from:?} --{step:?}-->");
                }
                if let Some(to) = expected {
                    assert!(
                        Party::ALL.iter().any(|p| step.next(from, *p) == Ok(to)),
                        "{from:?} --{step:?}--> {to:?} must be open to someone"
                    );
                }
            }
        }
    }

    #[test]
    fn each_side_takes_only_its_own_steps() {
        use ApplicationStatus as S;
        assert_eq!(
            Step::open_to(S::Submitted, Party::Employer),
            [Step::Offer, Step::Decline]
        );
        assert_eq!(Step::open_to(S::Submitted, Party::Seeker), [Step::Withdraw]);
        assert_eq!(
            Step::open_to(S::Confirmed, Party::Employer),
            [Step::Arrive, Step::NoShow]
        );
        assert_eq!(Step::open_to(S::Offered, Party::System), [Step::Expire]);
        assert_eq!(Step::open_to(S::Offered, Party::Employer), [Step::Decline]);
    }

    #[test]
    fn the_ends_are_final_and_the_middle_is_not() {
        use ApplicationStatus as S;
        let finals: Vec<S> = S::ALL.into_iter().filter(|s| s.is_final()).collect();
        assert_eq!(finals, [S::Declined, S::Withdrawn, S::Expired, S::Disputed]);
    }

    #[test]
    fn names_round_trip() {
        for s in ApplicationStatus::ALL {
            assert_eq!(ApplicationStatus::parse(s.as_str()), Some(s));
        }
        for s in Step::ALL {
            assert_eq!(Step::parse(s.as_str()), Some(s));
        }
    }
}
