//! The department desk's texts: the follow-up of reviews and the audit log.

use crate::catalogue::catalogue;

catalogue! {
    /// The department desk's texts.
    DeskMessages {
        desk_sign_in_title: "工作人员登录" / "Staff sign-in",
        desk_code_label: "访问码" / "Access code",
        desk_code_hint:
            "由系统管理员当面发放，形如 7-K3M9Q2X8VWD4。" /
            "Given to you in person by the administrator, like 7-K3M9Q2X8VWD4.",
        desk_sign_in: "登录" / "Sign in",
        desk_bad_code: "访问码错误、已停用或已过期。" / "The access code is wrong, revoked or expired.",
        desk_locked:
            "错误次数过多，已暂时锁定，请 15 分钟后再试。" /
            "Too many wrong codes: sign-in is locked for 15 minutes.",
        desk_unreachable:
            "无法连接服务，请检查网络后重试。" /
            "The service cannot be reached. Check the connection and try again.",
        desk_sign_out: "退出登录" / "Sign out",
        desk_list_title: "待处理差评" / "Poor reviews to follow up",
        desk_empty: "暂无待处理的差评。" / "No poor reviews to follow up.",
        desk_total(n: u64): "共 {n} 条" / "{n} in all",
        desk_next_page: "下一页" / "Next page",
        desk_first_page: "回到第一页" / "Back to the first page",
        desk_col_receipt: "评价编号" / "Receipt",
        desk_col_rating: "评价" / "Rating",
        desk_col_due: "办理时限" / "Due",
        desk_col_stage: "进度" / "Stage",
        desk_overdue: "已超期" / "Overdue",
        desk_open: "处理" / "Open",
        desk_back: "返回列表" / "Back to the list",
        desk_reasons: "原因" / "Reasons",
        desk_comment: "意见" / "Comment",
        desk_contact: "联系方式" / "Contact",
        desk_anonymous: "匿名评价（无联系方式）" / "Anonymous (no contact)",
        desk_reveal: "查看完整号码" / "Show the full number",
        desk_reveal_reason: "查看理由（将记录在案）" / "Reason for viewing (it is logged)",
        desk_revealed_log: "查看联系方式" / "Contact viewed",
        exclusion_title: "申诉复核" / "Appeal: exclude from the figures",
        exclusion_intro:
            "经核查属误评或恶意评价的，可申请不计入公开统计，须由另一位审核人确认；评价和处理记录都会保留。" /
            "A review found to be mistaken or malicious may be left out of the published figures once another approver confirms it; the review and its history are kept.",
        exclusion_category: "类别" / "Category",
        exclusion_mistaken: "误评" / "Mistaken",
        exclusion_malicious: "恶意评价" / "Malicious",
        exclusion_reason: "核查情况" / "What the check found",
        exclusion_ask: "申请剔除" / "Ask to exclude",
        exclusion_waiting(category: &str):
            "已申请按“{category}”剔除，等待另一位审核人确认。" /
            "Asked to exclude as “{category}”; waiting for another approver.",
        exclusion_excluded(category: &str):
            "已按“{category}”剔除，不计入公开统计。" /
            "Excluded as “{category}”: not counted in the published figures.",
        exclusion_note: "审核意见" / "Decision note",
        exclusion_approve: "确认剔除" / "Confirm the exclusion",
        exclusion_refuse: "不予剔除" / "Refuse",
        entry_exclusion_requested: "申请剔除（申诉复核）" / "Exclusion asked for",
        entry_exclusion_approved: "确认剔除" / "Exclusion confirmed",
        entry_exclusion_refused: "不予剔除" / "Exclusion refused",
        desk_history: "处理记录" / "History",
        desk_next_step(step: &str): "下一步：{step}" / "Next step: {step}",
        desk_note: "说明" / "Note",
        desk_record: "记录" / "Record",
        desk_closed:
            "已办结，评价人可凭评价编号查看答复。" /
            "Closed. The reviewer can read the reply with their receipt number.",
        desk_error(message: &str): "操作未成功：{message}" / "That did not work: {message}",
        desk_reached: "已联系上" / "Reached the reviewer",
        desk_not_reached: "未联系上" / "Could not reach the reviewer",
        desk_plan_due: "整改期限" / "Rectification due",
        desk_reply_hint: "评价人凭评价编号可查看此答复。" / "The reviewer sees this reply with their receipt number.",
        step_call_back: "回访" / "Call-back",
        step_verify: "核实" / "Verification",
        step_decide: "处理方式" / "Outcome",
        step_rectified: "整改完成" / "Rectification done",
        step_reply: "答复评价人" / "Reply to the reviewer",
        verification_confirmed: "属实（查实）" / "Confirmed",
        verification_not_confirmed: "不属实" / "Not confirmed",
        verification_appealed_mistaken: "申诉：误评" / "Appeal: mistaken review",
        verification_appealed_malicious: "申诉：恶意评价" / "Appeal: malicious review",
        outcome_fixed: "立行立改" / "Fixed on the spot",
        outcome_plan: "限期整改" / "Rectification plan with a deadline",
        outcome_explanation: "解释说明" / "Explanation",
        stage_new: "待处理" / "New",
        stage_called_back: "已回访" / "Called back",
        stage_verified: "已核实" / "Verified",
        stage_rectifying: "整改中" / "Rectifying",
        stage_awaiting_reply: "待答复" / "Awaiting reply",
        stage_closed: "已办结" / "Closed",
        desk_tab_audit: "审计记录" / "Audit log",
        audit_title: "本站审计记录" / "This site's audit log",
        audit_intro:
            "登录、登录失败、锁定、查看完整联系方式和导出个人信息都记录在这里，最新的在前。客户端以地址的加密摘要表示，不显示地址本身。" /
            "Sign-ins, failed sign-ins, lockouts, reveals of a full contact and exports of personal data, newest first. A client is shown as a keyed digest of its address, never the address itself.",
        audit_col_time: "时间" / "Time",
        audit_col_actor: "账号" / "Account",
        audit_col_action: "事件" / "Event",
        audit_col_client: "客户端" / "Client",
        audit_empty: "暂无审计记录。" / "No audit entries yet.",
        audit_older: "更早的记录" / "Older entries",
        audit_newest: "回到最新记录" / "Back to the newest",
        audit_action_sign_in: "登录" / "Signed in",
        audit_action_sign_in_failed: "登录失败" / "Sign-in failed",
        audit_action_locked_out: "因多次失败被锁定" / "Locked out after repeated failures",
        audit_action_reveal_contact: "查看完整联系方式" / "Revealed a full contact",
        audit_action_export_personal_data: "导出个人信息" / "Exported personal data",
    }
}
