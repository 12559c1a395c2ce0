//! The supervisors' texts, shared by the supervisor widget, the desk and the statistics.

use crate::catalogue::catalogue;

catalogue! {
    /// The supervision texts.
    SupervisionMessages {
        sv_sign_in_title: "监督员登录" / "Supervisor sign-in",
        sv_code_label: "访问码" / "Access code",
        sv_code_hint:
            "聘任时当面发放，形如 7-K3M9Q2X8VWD4。" /
            "Given to you in person on appointment, like 7-K3M9Q2X8VWD4.",
        sv_sign_in: "登录" / "Sign in",
        sv_bad_code: "访问码不正确、已停用或不在聘期内。" / "The access code is wrong, revoked or outside your term.",
        sv_locked: "错误次数过多，请 15 分钟后再试。" / "Too many wrong codes; try again in 15 minutes.",
        sv_unreachable: "暂时无法连接，请稍后再试。" / "Cannot connect just now; please try again later.",
        sv_sign_out: "退出登录" / "Sign out",
        sv_dashboard: "我的监督" / "My observations",
        sv_new: "提交监督意见" / "New observation",
        sv_report: "年度报告" / "Year-end report",
        sv_total(n: u32): "共 {n} 条" / "{n} in all",
        sv_duty(n: u32, duty: u32):
            "本月已提交 {n} 条，履职要求每月至少 {duty} 条。" /
            "{n} submitted this month; the duty is at least {duty} a month.",
        sv_duty_met: "已达到本月要求" / "This month's duty is met",
        sv_duty_short: "尚未达到本月要求" / "This month's duty is not met yet",
        sv_months: "今年各月提交数" / "Submitted each month this year",
        sv_month: "月份" / "Month",
        sv_count: "条数" / "Count",
        sv_list: "我的监督意见" / "My observations",
        sv_empty: "还没有提交监督意见。" / "No observations yet.",
        sv_col_id: "编号" / "No.",
        sv_col_department: "部门" / "Department",
        sv_col_submitted: "提交时间" / "Submitted",
        sv_col_stage: "状态" / "Stage",
        sv_col_due: "办理时限" / "Due",
        sv_open: "查看" / "View",
        sv_back: "返回" / "Back",
        sv_overdue: "已超期" / "Overdue",
        sv_term_end(date: &str): "聘期至 {date}" / "Term ends {date}",
        sv_department: "涉及部门" / "Department concerned",
        sv_service: "涉及事项（可选）" / "Service item (optional)",
        sv_service_hint:
            "输入名称或拼音首字母搜索本部门事项。" /
            "Search the department's items by name or pinyin initials.",
        sv_service_clear: "清除" / "Clear",
        sv_choose: "请选择" / "Choose",
        sv_place: "地点" / "Place",
        sv_place_hint:
            "例如：市政务服务中心一楼 A 区 12 号窗口" /
            "For example: service centre, ground floor, window 12",
        sv_observed_at: "发现时间" / "When",
        sv_method: "监督方式" / "Method",
        sv_method_open: "明察" / "Announced visit",
        sv_method_covert: "暗访" / "Unannounced visit",
        sv_method_mystery: "模拟办理" / "Mystery shopping",
        sv_method_other: "其他" / "Other",
        sv_chapter: "问题类别" / "Area",
        sv_chapter_market: "市场环境" / "Market environment",
        sv_chapter_government: "政务环境" / "Government services",
        sv_chapter_rule_of_law: "法治环境" / "Rule of law",
        sv_chapter_oversight: "监督问效" / "Oversight",
        sv_article: "涉及条款（可选）" / "Article concerned (optional)",
        sv_article_none: "不指定" / "None",
        sv_article_label(n: u32, title: &str): "第 {n} 条 {title}" / "Art. {n}: {title}",
        sv_description: "问题描述" / "What you observed",
        sv_description_hint:
            "写明时间、地点、经过和涉及的人员或窗口，最多 2000 字。" /
            "Say when, where, what happened and which window or staff, at most 2,000 characters.",
        sv_counter(n: usize): "还可输入 {n} 字" / "{n} characters left",
        sv_photos:
            "照片（可选，最多 3 张 JPEG 或 PNG，每张不超过 2 MB）" /
            "Photos (optional: up to 3 JPEG or PNG, 2 MB each)",
        sv_photos_hint:
            "上传时会自动去除照片中的位置等元数据。" /
            "Location and other metadata are removed when a photo is uploaded.",
        sv_photo_uploading: "正在上传…" / "Uploading…",
        sv_photo_remove(name: &str): "移除 {name}" / "Remove {name}",
        sv_photo_refused(name: &str, reason: &str): "{name}：{reason}" / "{name}: {reason}",
        sv_photo_too_many: "最多 3 张照片。" / "At most 3 photos.",
        sv_photo_too_big: "超过 2 MB。" / "over 2 MB.",
        sv_photo_not_image: "不是 JPEG 或 PNG 图片。" / "not a JPEG or PNG image.",
        sv_draft_saved: "草稿已自动保存在本机。" / "Draft saved on this device.",
        sv_submit: "提交" / "Submit",
        sv_submitting: "正在提交…" / "Submitting…",
        sv_errors: "提交前请更正以下问题：" / "Please correct these first:",
        sv_err_department: "请选择涉及部门。" / "Choose the department concerned.",
        sv_err_place: "请填写地点。" / "Give the place.",
        sv_err_observed_at: "请填写发现时间，且不能晚于现在。" / "Give the time, not later than now.",
        sv_err_description:
            "请填写问题描述（最多 2000 字）。" /
            "Describe what you observed (at most 2,000 characters).",
        sv_err_other(message: &str): "提交未成功：{message}" / "Not submitted: {message}",
        sv_submitted(id: i64):
            "监督意见已提交，编号 {id}。部门的每一步处理和答复都会显示在这里。" /
            "Observation submitted, no. {id}. Every step and reply will show here.",
        sv_queued:
            "网络异常，监督意见已保存在本机，网络恢复后将自动提交。" /
            "The network failed; the observation is kept on this device and will be sent as soon as the collector can be reached.",
        sv_retried:
            "之前未能提交的监督意见已提交成功。" /
            "The observations that could not be sent earlier have now been submitted.",
        sv_retry_failed(n: u32):
            "仍有 {n} 条监督意见未能提交，已保存在本机，稍后将自动重试。" /
            "{n} observation(s) still could not be sent; they are kept on this device and will be sent automatically.",
        sv_retry_refused:
            "之前保存的一条监督意见被收集服务拒绝，请重新填写提交。" /
            "The collector refused an observation saved earlier; please write it again.",
        sv_timeline: "办理过程" / "Timeline",
        sv_role_supervisor: "监督员" / "Supervisor",
        sv_role_staff: "承办部门" / "Department",
        sv_event_submitted: "提交监督意见" / "Submitted",
        sv_event_assign(department: &str, due: &str):
            "交办至 {department}，{due} 前答复" /
            "Assigned to {department}, answer due {due}",
        sv_event_confirm: "经核查属实（查实）" / "Confirmed",
        sv_event_not_confirm: "经核查不属实" / "Not confirmed",
        sv_event_plan(due: &str): "制定整改方案，{due} 前完成" / "Rectification planned, due {due}",
        sv_event_rectified: "整改完成" / "Rectified",
        sv_event_follow_up: "监督员不满意，要求再次办理" / "Reopened by the supervisor",
        sv_stage_submitted: "待交办" / "Awaiting assignment",
        sv_stage_assigned: "已交办，核查中" / "Assigned, being checked",
        sv_stage_confirmed: "已查实，待整改" / "Confirmed, plan due",
        sv_stage_not_confirmed: "经核查不属实" / "Not confirmed",
        sv_stage_rectifying: "整改中" / "Being rectified",
        sv_stage_rectified: "已整改" / "Rectified",
        sv_follow_up: "对答复不满意？" / "Not satisfied with the answer?",
        sv_follow_up_label: "说明理由，意见将重新交办" / "Say why; it will be assigned again",
        sv_follow_up_send: "提出跟进意见" / "Reopen with this note",
        sv_follow_up_limit: "本条意见的跟进次数已用完。" / "This observation cannot be reopened again.",
        sv_photos_title: "照片" / "Photos",
        sv_photo_alt(n: usize): "监督意见照片 {n}" / "Observation photo {n}",
        sv_report_title(year: &str): "{year} 年度履职报告" / "Year-end report {year}",
        sv_report_print: "打印报告" / "Print the report",
        sv_report_csv: "下载 CSV" / "Download CSV",
        sv_report_outcome: "结果" / "Outcome",
        sv_report_summary(n: usize, confirmed: usize, rectified: usize):
            "共提交 {n} 条，其中查实 {confirmed} 条、已整改 {rectified} 条。" /
            "{n} submitted; {confirmed} confirmed and {rectified} rectified.",
        sv_reopened(n: u32): "已跟进 {n} 次" / "Reopened {n} times",
        sv_desk_tab_reviews: "差评处理" / "Poor reviews",
        sv_desk_tab_observations: "监督员意见" / "Supervisors' observations",
        sv_desk_supervisor: "监督员" / "Supervisor",
        sv_desk_next: "下一步" / "Next step",
        sv_desk_assign: "交办" / "Assign",
        sv_desk_confirm: "属实（查实）" / "Confirmed",
        sv_desk_not_confirm: "不属实" / "Not confirmed",
        sv_desk_plan: "整改方案" / "Rectification plan",
        sv_desk_plan_due: "整改完成期限" / "Rectification due",
        sv_desk_rectified: "整改完成" / "Rectified",
        sv_desk_note: "说明（监督员可见）" / "Note (the supervisor reads it)",
        sv_desk_record: "记录" / "Record",
        sv_desk_closed:
            "已答复监督员；如监督员不满意，可能重新交办。" /
            "The supervisor has an answer; they may reopen it.",
        sv_desk_verdict: "核查结论" / "Finding",
        sv_public_title: "营商环境监督员意见办理情况" / "Supervisors' observations by department",
        sv_public_observations: "意见数" / "Observations",
        sv_public_confirmed: "查实数" / "Confirmed",
        sv_public_rate: "整改率" / "Rectified",
        sv_public_median: "整改用时中位数（工作日）" / "Median working days to rectify",
        sv_public_overdue: "超期未办" / "Overdue",
        sv_public_empty: "暂无监督员意见。" / "No observations yet.",
    }
}
