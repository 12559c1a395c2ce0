//! The texts every bundle needs: the shell, the review form and the lookup of a review.

use crate::catalogue::catalogue;

catalogue! {
    /// The shell's, the review form's and the review lookup's texts.
    Messages {
        lookup_title: "查询评价处理进展" / "Check on a review",
        lookup_button: "查询" / "Check",
        lookup_not_found:
            "没有找到这个评价编号，请核对后再试。" /
            "No review has this receipt number. Please check it and try again.",
        lookup_unreachable:
            "暂时无法查询，请稍后再试。" /
            "The check cannot be made right now. Please try again later.",
        status_recorded: "您的评价已记录，感谢参与。" / "Your review is recorded. Thank you.",
        status_in_progress(due: &str):
            "部门正在回访核实，办理时限：{due}。" /
            "The department is looking into it. Due by {due}.",
        status_rectifying:
            "部门正在整改，完成后将答复您。" /
            "The department is rectifying the problem and will reply when it is done.",
        status_awaiting_reply:
            "整改已完成，部门即将答复您。" /
            "The problem has been dealt with; the department's reply is coming.",
        status_closed: "已办结。" / "Closed.",
        status_reply_label: "部门答复：" / "The department's reply: ",
        rerate_button: "对整改结果进行评价" / "Rate how it was put right",
        rerate_notice:
            "您正在对整改结果进行评价（本次服务的第二次评价）。" /
            "You are rating how the problem was put right (the second rating of this service).",
        title_review: "服务评价" / "Rate this service",
        title_lookup: "办事指南与收费查询" / "Service guide, fees and time limits",
        title_supervisor: "营商环境监督员" / "Business-environment supervisor",
        title_stats: "评价结果公开" / "Published review results",
        title_desk: "部门处理台" / "Department desk",
        loading: "正在加载…" / "Loading…",
        shell_note: "本组件已就绪。" / "This widget is ready.",
        config_error:
            "组件配置有误，请联系网站管理员。" /
            "This widget is not set up correctly. Please tell the site's webmaster.",
        config_error_attribute(attribute: &str):
            "属性 {attribute} 缺失或无效。" /
            "The {attribute} attribute is missing or invalid.",
        level_5: "非常满意" / "Very satisfied",
        level_4: "满意" / "Satisfied",
        level_3: "基本满意" / "Basically satisfied",
        level_2: "不满意" / "Dissatisfied",
        level_1: "非常不满意" / "Very dissatisfied",
        review_intro:
            "请对本次服务作出评价，约需 30 秒。默认匿名。" /
            "Please rate this service. It takes about 30 seconds and is anonymous unless you choose otherwise.",
        rating_legend:
            "您对本次服务的总体评价（必选）" /
            "Overall, how satisfied are you with this service? (required)",
        dimensions_legend: "分项评价（可选）" / "Rate the details (optional)",
        reasons_legend:
            "不满意的原因（至少选择一项或填写意见）" /
            "What went wrong? (choose at least one, or write a comment)",
        comment_label: "意见和建议（可选）" / "Comments and suggestions (optional)",
        comment_label_poor:
            "具体情况（选填原因或在此说明）" /
            "What happened? (pick a reason above or describe it here)",
        comment_counter(n: u32): "还可输入 {n} 字" / "{n} characters left",
        callback_label: "我同意工作人员就本次评价与我联系回访" / "I agree to be called back about this review",
        contact_privacy:
            "联系方式仅用于回访核实，不会公开，也不会出现在任何统计中。" /
            "Your contact details are used only to call you back. They are never published or shown in any statistics.",
        name_label: "姓名" / "Name",
        phone_label: "手机号码" / "Mobile number",
        phone_hint: "11 位中国大陆手机号码" / "An 11-digit mainland China mobile number",
        submit: "提交评价" / "Submit review",
        submitting: "正在提交…" / "Submitting…",
        errors_summary(n: usize): "提交前请更正以下 {n} 处问题：" / "Please correct {n} problem(s) before submitting:",
        err_rating_required: "请选择总体满意程度。" / "Please choose an overall rating.",
        err_reason_required:
            "差评请至少选择一项原因，或填写具体情况。" /
            "For a poor review, choose at least one reason or describe what happened.",
        err_comment_too_long: "意见不能超过 500 字。" / "Comments can be at most 500 characters.",
        err_name: "请填写姓名（1 至 20 字）。" / "Please enter your name (1 to 20 characters).",
        err_phone: "请填写正确的 11 位手机号码。" / "Please enter a valid 11-digit mobile number.",
        err_duplicate:
            "本次服务已存在评价，请勿重复评价。" /
            "This service has already been reviewed. Each transaction can be reviewed only once.",
        err_token:
            "评价链接无效或已过期，请向办理窗口索取新的评价链接。" /
            "This review link is invalid or has expired. Please ask the service counter for a new one.",
        err_other(message: &str): "提交未成功：{message}" / "The review was not accepted: {message}",
        success_title: "感谢您的评价！" / "Thank you for your review!",
        receipt_label: "评价编号：" / "Receipt number: ",
        receipt_hint:
            "请记下评价编号，可凭此查询处理进展和部门答复。" /
            "Keep this receipt number to check the follow-up and the department's reply.",
        queued_title: "评价已保存，将自动提交" / "Your review is saved and will be sent",
        queued_body:
            "网络暂时不可用。评价已保存在本设备上，恢复连接后会自动提交一次，无需重复填写。" /
            "The network is unavailable right now. Your review is saved on this device and will be sent once, automatically, when the connection returns. You do not need to fill it in again.",
        another_review: "评价下一次服务" / "Review another service",
        kiosk_reset_notice(n: u32):
            "本页将在无人操作 {n} 秒后自动清空，保护您的隐私。" /
            "This screen clears itself after {n} seconds without use, to protect your privacy.",
        verified_badge: "已核验办件" / "Verified transaction",
    }
}
