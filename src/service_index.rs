//! An estimate of the service index of Decision 766/QĐ-TTg (2022) — the national set of
//! indicators scoring how well citizens are served in administrative procedures, 100 points in
//! six groups — from what a portal publishes itself. Only the indicators whose inputs are in
//! the monthly figures are scored; the rest need national data (the national procedure
//! database, payment and digitisation records, citizens' ratings on the national portal) and
//! are named as left out. The official score is the national portal's; this is an estimate.
//!
//! Formulas, as the national portal applies them:
//! - Tiến độ giải quyết (20 points): dossiers resolved early or on time plus those pending
//!   within time, over all resolved and pending; points = 20 × rate.
//! - Phản ánh, kiến nghị xử lý đúng hạn (6 points): feedback answered in time plus feedback
//!   still open (the portal's figures do not tell open-and-overdue apart, so open items count
//!   as within time) over all feedback to handle; points = 6 × rate, full when there was none.
//! - Hài lòng trong tiếp nhận, giải quyết TTHC (6 points): dossiers resolved, less those rated
//!   unsatisfied, those with feedback and those resolved late, over dossiers resolved; full
//!   points from 90 %, below that max × rate / 90 %.
//! - When a unit had no feedback at all, the 6 points of the feedback-satisfaction indicator
//!   (citizens' ratings of the answers, national data) are shared equally by the two above,
//!   which then count 9 points each.
//! - The share of dossiers received online is shown against its threshold (full marks from
//!   50 %) without points: its weight inside the online-service group is not published.

use crate::report::Figures;

/// One indicator: its group, its maximum, its rate (0–1) and points, `None` when the figures
/// give nothing to compute it from.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub group: &'static str,
    pub name: &'static str,
    pub max: Option<f64>,
    pub rate: Option<f64>,
    pub points: Option<f64>,
    /// How it was computed from the portal's figures, in words.
    pub basis: String,
}

/// The scored indicators and their sum.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub indicators: Vec<Indicator>,
    /// Points of the indicators that could be scored.
    pub points: f64,
    /// The most those indicators give together (the rest of the 100 needs national data).
    pub max: f64,
}

/// What the figures hold beyond the dossier columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inputs {
    pub feedback: bool,
    pub survey: bool,
}

/// The groups and indicators that need national data, with their points.
pub const LEFT_OUT: &[(&str, u32)] = &[
    (
        "Công khai, minh bạch (công bố, cập nhật, đồng bộ trạng thái hồ sơ)",
        18,
    ),
    (
        "Dịch vụ công trực tuyến (tỷ lệ hồ sơ trực tuyến toàn trình)",
        12,
    ),
    ("Thanh toán trực tuyến", 10),
    ("Số hóa hồ sơ, kết quả giải quyết", 22),
    (
        "Hài lòng trong xử lý phản ánh, kiến nghị (đánh giá của người dân)",
        6,
    ),
];

fn ratio(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// Scores `f`, the figures of one unit (or all) over a period.
pub fn estimate(f: &Figures, inputs: Inputs) -> Estimate {
    let mut v = Vec::new();
    let progress = ratio(
        f.resolved_in_time() + f.pending_on_time,
        f.resolved() + f.pending(),
    );
    v.push(Indicator {
        group: "Tiến độ giải quyết",
        name: "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn (gồm hồ sơ đang giải quyết trong hạn)",
        max: Some(20.0),
        rate: progress,
        points: progress.map(|r| 20.0 * r),
        basis:
            "(trước hạn + đúng hạn + đang giải quyết trong hạn) / (đã giải quyết + đang giải quyết)"
                .into(),
    });
    // With no feedback at all, the feedback-satisfaction points are shared by these two.
    let no_feedback = inputs.feedback && f.feedback_total() == 0;
    let share = if no_feedback { 9.0 } else { 6.0 };
    let (rate, basis) = if !inputs.feedback {
        (None, "không có số liệu phản ánh, kiến nghị".to_string())
    } else if no_feedback {
        (
            Some(1.0),
            "không có phản ánh, kiến nghị: đạt điểm tối đa".to_string(),
        )
    } else {
        (
            ratio(
                f.feedback_answered_on_time + f.feedback_pending,
                f.feedback_total(),
            ),
            "(đã xử lý trong hạn + đang xử lý) / (kỳ trước chuyển qua + mới tiếp nhận)".to_string(),
        )
    };
    v.push(Indicator {
        group: "Mức độ hài lòng",
        name: "Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn",
        max: inputs.feedback.then_some(share),
        rate,
        points: rate.map(|r| share * r),
        basis,
    });
    let unsatisfied = if inputs.survey {
        f.surveyed - f.satisfied
    } else {
        0
    };
    let feedback = if inputs.feedback {
        f.feedback_received
    } else {
        0
    };
    let bad = unsatisfied + feedback + f.resolved_late;
    let satisfaction = ratio(f.resolved().saturating_sub(bad), f.resolved());
    let mut parts = vec!["quá hạn"];
    if inputs.survey {
        parts.insert(0, "không hài lòng");
    }
    if inputs.feedback {
        parts.push("có phản ánh, kiến nghị");
    }
    v.push(Indicator {
        group: "Mức độ hài lòng",
        name: "Tỷ lệ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính",
        max: Some(share),
        rate: satisfaction,
        points: satisfaction.map(|r| share * (r / 0.9).min(1.0)),
        basis: format!(
            "(đã giải quyết − hồ sơ {}) / đã giải quyết; đạt tối đa từ 90%",
            parts.join(", ")
        ),
    });
    let online = ratio(f.received_online, f.received_new());
    v.push(Indicator {
        group: "Dịch vụ công trực tuyến",
        name: "Tỷ lệ hồ sơ nộp trực tuyến (không tính điểm: chưa công bố trọng số)",
        max: None,
        rate: online,
        points: None,
        basis: "trực tuyến / mới tiếp nhận; đạt tối đa từ 50%".into(),
    });
    let scored = v.iter().filter(|i| i.points.is_some());
    let points = scored.clone().filter_map(|i| i.points).sum();
    let max = scored.filter_map(|i| i.max).sum();
    Estimate {
        indicators: v,
        points,
        max,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_feedback_gives_the_shared_points_to_the_two_others() {
        let f = Figures {
            resolved_on_time: 100,
            resolved_late: 20,
            ..Default::default()
        };
        let e = estimate(
            &f,
            Inputs {
                feedback: true,
                survey: false,
            },
        );
        // Tiến độ 20 × 100/120; feedback 9 (none); satisfaction 100/120 = 83,3% < 90%:
        // 9 × 0,8333 / 0,9.
        let expected = 20.0 * 100.0 / 120.0 + 9.0 + 9.0 * (100.0 / 120.0) / 0.9;
        assert!((e.points - expected).abs() < 1e-9, "{}", e.points);
        assert_eq!(e.max, 38.0);
    }

    #[test]
    fn without_feedback_columns_that_indicator_is_left_out() {
        let f = Figures {
            resolved_on_time: 10,
            ..Default::default()
        };
        let e = estimate(
            &f,
            Inputs {
                feedback: false,
                survey: false,
            },
        );
        assert_eq!(e.max, 26.0);
        assert_eq!(e.points, 26.0);
        assert_eq!(e.indicators[1].points, None);
    }
}
