//! The service guide's texts: items, limits, materials, fees and their changes.

use crate::catalogue::catalogue;

catalogue! {
    /// The service guide's texts.
    LookupMessages {
        lk_search_label: "搜索办事事项" / "Search services",
        lk_search_hint:
            "可输入事项名称、关键词、拼音或拼音首字母（如 qysl），或事项编码。" /
            "Type a name, a keyword, pinyin or pinyin initials (such as qysl), or an item code.",
        lk_search_button: "搜索" / "Search",
        lk_dept_label: "实施部门" / "Department",
        lk_all_depts: "全部部门" / "All departments",
        lk_type_label: "事项类型" / "Item type",
        lk_all_types: "全部类型" / "All types",
        lk_found(n: u32): "共找到 {n} 个事项" / "{n} items found",
        lk_none:
            "没有找到相关事项。请换个关键词，或清除筛选条件。" /
            "No item matches. Try another word, or clear the filters.",
        lk_unavailable:
            "暂时无法查询办事指南，请稍后再试。" /
            "The service guide cannot be reached just now; please try again later.",
        lk_prev: "上一页" / "Previous page",
        lk_next: "下一页" / "Next page",
        lk_page(page: u32, pages: u32): "第 {page} 页，共 {pages} 页" / "Page {page} of {pages}",
        lk_results: "搜索结果" / "Search results",
        lk_free: "免费" / "Free",
        lk_paid: "收费" / "Fee charged",
        lk_promised_short(limit: &str): "承诺 {limit}办结" / "Promised: {limit}",
        lk_online: "可网上办理" / "Can be done online",
        lk_visits_zero: "零跑动" / "No visit needed",
        lk_visits_one: "最多跑一次" / "At most one visit",
        lk_visits_two: "最多跑两次" / "At most two visits",
        lk_visits_many: "需多次到现场" / "Several visits",
        lk_working_days(n: u32): "{n} 个工作日" / "{n} working days",
        lk_natural_days(n: u32): "{n} 个自然日" / "{n} calendar days",
        lk_hours(n: u32): "{n} 小时" / "{n} hours",
        lk_working_day_one: "1 个工作日" / "1 working day",
        lk_natural_day_one: "1 个自然日" / "1 calendar day",
        lk_hour_one: "1 小时" / "1 hour",
        lk_copies_one: "1 份" / "1 copy",
        lk_lists: "清单" / "Lists",
        lk_intermediary_list: "中介服务事项清单" / "Intermediary services list",
        lk_certificate_list: "证明事项清单" / "Certificates list",
        lk_intermediary_intro:
            "办理下列事项需要的中介服务（《条例》第三十五条）。未列入清单的中介服务，不得作为办理条件。" /
            "Intermediary services that the items below require (Art. 35 of the Regulation). A service not on this list may not be made a condition.",
        lk_certificate_intro:
            "办理下列事项需要申请人提供的证明（《条例》第三十六条）。未列入清单的证明，不得要求提供。" /
            "Certificates that applicants must provide for the items below (Art. 36 of the Regulation). A certificate not on this list may not be demanded.",
        lk_required_by: "需要此项的事项" / "Items that require it",
        lk_issuer: "出具单位" / "Issued by",
        lk_back: "返回搜索" / "Back to search",
        lk_demo:
            "演示数据：本目录为虚构示例，不是官方公布的办事指南。" /
            "Demonstration data: this catalogue is a fictional example, not an official service guide.",
        lk_summary: "办事要点" / "At a glance",
        lk_cost: "办理费用" / "Cost",
        lk_time: "办理时限" / "Time limit",
        lk_due_today: "今天申请，预计办结日期" / "If you apply today, done by",
        lk_due_value(date: &str, weekday: &str): "{date}（{weekday}）前" / "{date} ({weekday})",
        lk_due_estimate(known: &str):
            "预计日期：节假日安排尚未公布（已公布至 {known}），仅供参考" /
            "An estimate: holidays after {known} are not yet published",
        lk_visits: "跑动次数" / "Visits",
        lk_channels: "办理方式" / "How to apply",
        lk_form_counter: "窗口办理" / "At the counter",
        lk_form_online: "网上办理" / "Online",
        lk_form_both: "窗口或网上办理" / "At the counter or online",
        lk_online_payment: "支持网上缴费" / "Fees can be paid online",
        lk_basic_info: "基本信息" / "Basic information",
        lk_item_name: "事项名称" / "Name",
        lk_basic_code: "基本编码" / "Basic code",
        lk_impl_code: "实施编码" / "Implementation code",
        lk_item_type: "事项类型" / "Type",
        lk_legal_basis: "设定依据" / "Legal basis",
        lk_authority: "行使层级与权限" / "Level and scope of authority",
        lk_department: "实施主体" / "Responsible department",
        lk_credit_code: "统一社会信用代码" / "Unified social credit code",
        lk_limits: "办结时限" / "Time limits",
        lk_legal_limit: "法定办结时限" / "Legal time limit",
        lk_promised_limit: "承诺办结时限" / "Promised time limit",
        lk_compression(percent: u32):
            "承诺时限比法定时限压缩 {percent}%" /
            "The promised limit is {percent}% shorter than the legal one",
        lk_actual: "实际办理用时" / "How long it really takes",
        lk_actual_median(n: u32, days: u32):
            "近期办结 {n} 件，实际用时中位数 {days} 个工作日" /
            "{n} recent cases; median {days} working days",
        lk_actual_on_time(rate: &str): "按承诺时限办结率 {rate}" / "Done within the promised limit: {rate}",
        lk_actual_too_few(n: u32, minimum: u32):
            "已登记办结 {n} 件，少于 {minimum} 件，暂不公布实际用时，以免误导。" /
            "{n} completed cases registered, fewer than {minimum}: no figure is published, so as not to mislead.",
        lk_overdue_reasons:
            "超期办结的公开说明（《条例》第二十八条）" /
            "Published reasons for overdue cases (Art. 28)",
        lk_conditions: "受理条件" / "Acceptance conditions",
        lk_steps: "办理流程" / "Steps",
        lk_materials: "申请材料清单" / "Materials checklist",
        lk_required: "必须提交" / "Required",
        lk_optional: "按情形提交" / "If applicable",
        lk_paper: "纸质" / "Paper",
        lk_electronic: "电子" / "Electronic",
        lk_paper_or_electronic: "纸质或电子" / "Paper or electronic",
        lk_copies(n: u32): "{n} 份" / "{n} copies",
        lk_source(source: &str): "来源：{source}" / "Source: {source}",
        lk_blank_form: "空白表格" / "Blank form",
        lk_sample: "示例样表" / "Sample",
        lk_no_materials: "无需提交申请材料。" / "No materials are needed.",
        lk_forms: "申请表格" / "Application forms",
        lk_print: "打印材料清单" / "Print the checklist",
        lk_fees: "收费标准" / "Fees",
        lk_fee_standard: "收费标准" / "Standard",
        lk_fee_basis: "收费依据" / "Legal basis",
        lk_fee_reductions: "减免政策" / "Reductions",
        lk_yuan(yuan: &str): "{yuan} 元" / "CNY {yuan}",
        lk_free_plain: "本事项不收取任何费用。" / "This service is free of charge.",
        lk_off_list(phone: &str):
            "除本页公布的收费项目外，不得收取任何费用（《条例》第十六条）。如被要求缴纳清单外的费用，请拨打投诉电话 {phone} 反映。" /
            "No fee outside those published here may be charged (Art. 16 of the Regulation). If you are asked to pay one, call the complaints line {phone}.",
        lk_report_online: "在线举报清单外收费" / "Report an off-list charge online",
        lk_result: "办理结果" / "Result",
        lk_result_certificate: "证件" / "Certificate",
        lk_result_licence: "证照" / "Licence",
        lk_result_approval: "批准文书" / "Approval document",
        lk_result_other: "其他" / "Other",
        lk_where: "办理地点与时间" / "Where and when",
        lk_address: "办理地点" / "Address",
        lk_hours_label: "办公时间" / "Office hours",
        lk_consultation: "咨询电话" / "Enquiries",
        lk_complaint: "投诉电话" / "Complaints",
        lk_item_intermediary: "需要的中介服务" / "Intermediary services required",
        lk_item_certificates: "需要的证明" / "Certificates required",
        lk_none_required: "无" / "None",
        lk_fee_label: "费用" / "Fee",
        lk_changes: "收费与时限变更记录" / "Changes to fees and time limits",
        lk_change_fees(date: &str, from: &str, to: &str):
            "收费标准于 {date} 由 {from} 调整为 {to}" /
            "Fees changed on {date} from {from} to {to}",
        lk_change_legal(date: &str, from: &str, to: &str):
            "法定办结时限于 {date} 由 {from} 调整为 {to}" /
            "Legal time limit changed on {date} from {from} to {to}",
        lk_change_promised(date: &str, from: &str, to: &str):
            "承诺办结时限于 {date} 由 {from} 调整为 {to}" /
            "Promised time limit changed on {date} from {from} to {to}",
        lk_not_found: "没有找到这个事项，它可能已调整或取消。" / "No such item: it may have been changed or withdrawn.",
        lk_level_province: "省级" / "Province",
        lk_level_city: "市级" / "City",
        lk_level_county: "县级" / "County",
        lk_level_township: "乡镇（街道）级" / "Township (subdistrict)",
        lk_level_village: "村（社区）级" / "Village (community)",
        lk_weekdays: "周一,周二,周三,周四,周五,周六,周日" / "Mon,Tue,Wed,Thu,Fri,Sat,Sun",
    }
}
