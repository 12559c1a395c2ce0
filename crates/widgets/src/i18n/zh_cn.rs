use super::Messages;

pub static MESSAGES: Messages = Messages {
    title_review: "服务评价",
    title_lookup: "办事指南与收费查询",
    title_supervisor: "营商环境监督员",
    title_stats: "评价结果公开",
    title_desk: "部门处理台",
    loading: "正在加载…",
    shell_note: "本组件已就绪。",
    config_error: "组件配置有误，请联系网站管理员。",
    config_error_attribute: "属性 {attribute} 缺失或无效。",
    demo_badge: "演示数据",
};
