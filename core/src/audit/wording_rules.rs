//! The wording rules: patterns over normalised text (see `normalize_text`), the inclusive or
//! lawful wording that excuses a match, and the law each cites. Patterns use `[0-9]`, never
//! `\d`, and `,` as the one clause separator left after normalisation.

use super::Severity;

/// How a pattern match becomes a finding.
#[derive(Debug, Clone, Copy)]
pub(super) enum Judge {
    /// Always this severity.
    Always(Severity),
    /// An upper age limit in group `max`: block below 50, warn below 60, else nothing.
    /// Limits of 18 and under are about minors and pass.
    AgeCap,
    /// Older people shut out above group `min`: block below 50, else warn.
    AgeExclusion,
    /// A lower age limit in group `min` that shuts out adults: warn from 25 to 59.
    AgeFloor,
    /// An age range `min`–`max`: the stricter of [`Judge::AgeCap`] and [`Judge::AgeFloor`].
    AgeRange,
    /// A fee: this severity unless the clause before it negates it (无押金, 不收培训费)
    /// or the words after waive it (押金全免, 体检费公司承担).
    Fee(Severity),
}

#[derive(Debug)]
pub(super) struct WordingRule {
    pub code: &'static str,
    pub pattern: &'static str,
    /// A match is excused when any match of this pattern overlaps it.
    pub excuse: Option<&'static str>,
    pub judge: Judge,
    pub message: &'static str,
}

/// Names of the guard groups: a character a pattern must see beside a hit (so 限男 is not
/// 限男女) but which is not part of the excerpt.
pub(super) const GUARD_GROUPS: [&str; 6] = ["g1", "g2", "g3", "g4", "g5", "g6"];

use Judge::*;
use Severity::{Block, Warn};

macro_rules! p {
    ($($part:expr),+ $(,)?) => { concat!($($part),+) };
}

pub(super) const GENDER_MSG: &str = "招聘不得限定性别或规定男性（女性）优先（《就业促进法》第二十七条；《妇女权益保障法》第四十三条；人社部发〔2019〕17号）";
const AGE_MSG: &str = "招聘信息设置年龄门槛属于就业歧视性内容，零工岗位应以能否胜任为准（《江苏省规范化零工市场建设标准》第17项；《重庆市零工市场建设和服务规范》第七条）";

pub(super) fn rules() -> Vec<WordingRule> {
    vec![
        // ---- gender -------------------------------------------------------------------
        WordingRule {
            code: "discrimination.gender",
            pattern: p!(
                "(?:限|只招|只要|只收|仅招|仅限|只限|限招|要求|必须是|须为|需为|招聘?)(?:男|女)(?:性|士|生|工|的|孩|人)?(?P<g1>[^男女装鞋款厕宾式子]|$)",
                "|(?:男|女)(?:性|士|生|工|孩)?(?:优先|勿扰|免谈|不要|不招|谢绝|莫扰|止步|绕道|不考虑|为佳)",
                "|(?:不要|不招|不收|谢绝|拒绝|不考虑|不接受|不录用)(?:男|女)(?:性|士|生|工|的)?(?P<g2>[^装鞋款厕]|$)",
                "|性别(?:要求)?:?(?:男|女)(?P<g3>[^女男]|$)",
                "|(?P<g4>^|[^男女装鞋])(?:男|女)(?:性|工)?[0-9]+(?:名|人|位)",
                "|(?:限|只招|只要|仅限)(?:宝妈|小伙子?|姑娘|美女|帅哥|小姐姐)",
                // A clause that is nothing but a sex: 装卸工,男性,18名
                "|(?P<g5>^|,)(?:男|女)(?:性|士|生|工)?(?P<g6>,|$)",
            ),
            excuse: Some(
                "男女不限|不限男女|男女均可|男女皆可|男女都可|男女都要|男女不论|性别不限|不限性别|男女老少|男女各|男女[0-9]+名|女装|男装|女鞋|男鞋|女厕|男厕|女宾|男宾|男女宿舍|女子|男子",
            ),
            judge: Always(Block),
            message: GENDER_MSG,
        },
        // ---- age ----------------------------------------------------------------------
        WordingRule {
            code: "discrimination.age",
            pattern: p!(
                "(?:年龄|年纪)(?:要求)?:?(?:在)?(?P<min>[0-9]{1,2})(?:周?岁)?-(?P<max>[0-9]{1,2})",
                "|(?P<min2>[0-9]{1,2})(?:周?岁)?-(?P<max2>[0-9]{1,2})周?岁",
            ),
            excuse: None,
            judge: AgeRange,
            message: AGE_MSG,
        },
        WordingRule {
            code: "discrimination.age",
            pattern: p!(
                "(?P<max>[0-9]{1,2})周?岁(?:以下|以内|之内|之下|内|及以下)",
                "|(?:不超过|不超|不大于|小于|低于|未满|不满|最大|最高|上限)(?P<max2>[0-9]{1,2})周?岁",
                "|(?:年龄|年纪)(?:要求)?:?(?:在)?(?P<max3>[0-9]{1,2})(?:周?岁)?(?:以下|以内|之内)",
            ),
            excuse: None,
            judge: AgeCap,
            message: AGE_MSG,
        },
        WordingRule {
            code: "discrimination.age",
            pattern: p!(
                "(?:超过|超|大于|高于|满)?(?P<min>[0-9]{2})周?岁(?:以上|及以上|往上)?(?:的|人员|者)?",
                "(?:勿扰|免谈|不要|不招|谢绝|不考虑|莫扰|止步|绕道)",
                "|(?:不要|不招|谢绝|不考虑)(?P<min2>[0-9]{2})周?岁以上",
            ),
            excuse: None,
            judge: AgeExclusion,
            message: AGE_MSG,
        },
        WordingRule {
            code: "discrimination.age",
            pattern: "(?:限|只招|仅限|要求|年龄|年纪):?(?P<min>[0-9]{2})周?岁(?:以上|及以上)",
            excuse: None,
            judge: AgeFloor,
            message: AGE_MSG,
        },
        WordingRule {
            code: "discrimination.age",
            pattern: p!(
                "(?:限|只招|只要|仅限|要求)年轻",
                "|年轻(?:人|女性|男性|女孩|男孩|姑娘|小伙子?|人员)?优先",
                "|(?:限|只招|只要|仅限)?[0-9]0后(?:优先|勿扰|免谈|不要|莫扰)",
                "|(?:限|只招|只要|仅限)[0-9]0后",
                "|(?:大龄|中老年人?|老年人|老人|上了年纪)(?:的)?(?:勿扰|免谈|不要|谢绝|莫扰|止步|绕道|不考虑)",
                "|(?:不要|不招|谢绝|不考虑)(?:大龄|中老年|老年人|老人|上了年纪)",
            ),
            excuse: None,
            judge: Always(Block),
            message: AGE_MSG,
        },
        // ---- ethnicity ----------------------------------------------------------------
        WordingRule {
            code: "discrimination.ethnicity",
            pattern: p!(
                "(?:限|只招|只要|仅限|仅招|要求)汉族|汉族(?:人员)?优先",
                "|(?:少数民族|维族|维吾尔族?|藏族|回族|彝族|苗族|壮族|蒙古族|哈萨克族)(?:人员|人|同胞)?",
                "(?:勿扰|免谈|不要|不招|不收|谢绝|拒绝|不考虑|不接受|止步|除外|莫扰|绕道)",
                "|(?:不要|不招|不收|谢绝|拒绝|不考虑|不接受|不录用)(?:少数民族|维族|维吾尔|藏族|回族|彝族)",
            ),
            excuse: None,
            judge: Always(Block),
            message: "招聘不得因民族不同而歧视劳动者（《就业促进法》第三条、第二十八条）",
        },
        // ---- religion -----------------------------------------------------------------
        WordingRule {
            code: "discrimination.religion",
            pattern: p!(
                "(?:限|只招|只要|仅限)(?:信仰?)?(?:基督|佛教|伊斯兰|穆斯林|天主)",
                "|(?:基督徒|佛教徒|穆斯林|信教(?:的)?|有宗教信仰)(?:者|人员|的)?",
                "(?:勿扰|免谈|不要|不招|不收|谢绝|拒绝|不考虑|不接受|止步|除外|莫扰|绕道|优先)",
                "|(?:不要|不招|不收|谢绝|拒绝|不考虑|不接受|不录用)(?:信教|基督徒|穆斯林|佛教徒|有宗教信仰)",
                "|(?:要求|须|需|必须)?(?:不信教|无宗教信仰|不得信教|不信仰宗教)",
            ),
            excuse: Some("尊重宗教信仰|宗教信仰不限|不限宗教"),
            judge: Always(Block),
            message: "招聘不得因宗教信仰不同而歧视劳动者（《就业促进法》第三条）",
        },
        // ---- origin / hukou / region --------------------------------------------------
        WordingRule {
            code: "discrimination.origin",
            pattern: p!(
                "(?:限|只招|只要|只收|仅限|仅招|要求)(?:本地|本市|本省|本区|本县|城镇|城市|非农)(?:户口|户籍|人|人员|籍|常住)",
                "|(?:本地|本市|城镇)(?:户口|户籍|人)优先",
                "|(?:外地|农村|外省|外来|农业)(?:户口|户籍|人员|人)?",
                "(?:勿扰|免谈|不要|不招|不收|谢绝|拒绝|不考虑|不接受|止步|除外|莫扰|绕道)",
                "|(?:不要|不招|不收|谢绝|拒绝|不考虑|不接受|不录用)(?:外地|农村|外省|农业)(?:户口|户籍|人)?",
                "|(?:河南|东北|新疆|西藏|安徽|四川|湖南|江西|甘肃|贵州|广西|云南|山东|河北|湖北|福建|潮汕|黑龙江|吉林|辽宁|内蒙古?|宁夏|青海)",
                "(?:人|籍|户口|户籍|的)(?:勿扰|免谈|不要|不招|不收|谢绝|拒绝|不考虑|止步|除外|莫扰|绕道)",
                "|(?:不要|不招|不收|谢绝|拒绝|不考虑|不接受|不录用)(?:河南|东北|新疆|西藏|安徽|四川|湖南|江西|甘肃|贵州|广西|云南|潮汕)(?:人|籍)?",
                "|(?:限|只招|只要|仅限)[^,:()0-9]{1,4}(?:户籍|户口|籍)(?:人员|人士)?",
            ),
            excuse: Some("户籍不限|不限户籍|户口不限|不限户口|地域不限|不限地域|书籍|典籍"),
            judge: Always(Block),
            message: "招聘不得以户籍、地域为由歧视劳动者（《就业促进法》第三条、第三十一条）",
        },
        // ---- marital status and childbirth -------------------------------------------
        WordingRule {
            code: "discrimination.marital",
            pattern: p!(
                "已婚已育|已婚已孕",
                "|(?:限|只招|只要|仅限|要求|需|须)(?:已婚|未婚|已育|未育|单身)",
                "|(?:已婚|未婚|已育|未育|单身)(?:者|人员|女性|男性|宝妈)?(?:优先|勿扰|免谈|不要|为佳)",
                "|(?:孕妇|孕期|怀孕|备孕|哺乳期)(?:的|者|人员|女性)?(?:勿扰|免谈|不要|不招|谢绝|不考虑|除外|莫扰|止步)",
                "|(?:不要|不招|不收|谢绝|拒绝|不考虑|不接受|不录用)(?:孕妇|怀孕|孕期|备孕|哺乳期)",
                "|(?:[0-9]+年内|近期|入职后|合同期内?)不(?:得|能|准|许)?(?:生育|怀孕|要孩子|生孩子|结婚)",
                "|(?:无|没有)(?:生育|怀孕)计划|妊娠(?:检查|测试)|验孕|孕检",
            ),
            excuse: None,
            judge: Always(Block),
            message: "招聘不得将婚姻、生育状况作为录用条件，不得将妊娠测试作为入职体检项目（《妇女权益保障法》第四十三条；《就业促进法》第二十七条）",
        },
        // ---- health (infectious-disease carriers) --------------------------------------
        WordingRule {
            code: "discrimination.health",
            pattern: "乙肝|乙型肝炎|hbv|大三阳|小三阳|两对半|hiv|艾滋|病原携带者|肝功能异常(?:勿扰|不要)",
            excuse: Some(p!(
                "不查乙肝|不检查乙肝|不查两对半|乙肝(?:病原)?(?:携带者)?(?:可|也可|可以|不影响|无妨|欢迎|不限|没关系|无所谓|照样)",
                "|不歧视乙肝|接受乙肝|欢迎乙肝|不歧视",
            )),
            judge: Always(Block),
            message: "不得以是传染病病原携带者为由拒绝录用，不得要求乙肝项目检测（《就业促进法》第三十条；人社部发〔2010〕12号）",
        },
        // ---- disability ---------------------------------------------------------------
        WordingRule {
            code: "discrimination.disability",
            pattern: p!(
                "(?:残疾人?|残障人?士?|聋哑人?|肢体残疾|盲人|视障|听障)(?:者|人员|人士|朋友)?",
                "(?:勿扰|免谈|不要|不招|不收|谢绝|拒绝|不考虑|不接受|止步|除外|莫扰|绕道)",
                "|(?:不要|不招|不收|谢绝|拒绝|不考虑|不接受|不录用)(?:残疾|残障|聋哑|盲人|视障|听障)",
                "|(?:身体|肢体|四肢|五官)(?:健全|无残疾)|无残疾|无身体缺陷|身体无缺陷",
            ),
            excuse: Some("欢迎残疾|残疾人优先|残疾人可|残疾人友好|助残|无障碍|残疾人朋友"),
            judge: Always(Block),
            message: "不得歧视残疾人，用人单位招用人员不得歧视残疾人（《就业促进法》第二十九条；《残疾人保障法》第三十八条）",
        },
        // ---- appearance (warn: not a ground named by law, but seldom relevant to gig work)
        WordingRule {
            code: "discrimination.appearance",
            pattern: p!(
                "五官端正|相貌端正|长相(?:好|甜美|端正|漂亮)|形象(?:好|佳)|颜值",
                "|身高[0-9]{2,3}(?:cm|厘米|公分)?(?:以上|以下)|体重[0-9]+(?:斤|kg|公斤)(?:以下|以内)",
            ),
            excuse: Some("形象好气质佳的团队"),
            judge: Always(Warn),
            message: "以外貌、身高、体重设限易构成就业歧视，请写明与岗位相关的实际要求（《江苏省规范化零工市场建设标准》第17项）",
        },
        // ---- fees (黑中介) -------------------------------------------------------------
        WordingRule {
            code: "fee.deposit",
            pattern: "押金|保证金|抵押金|风险金|担保金|服装押金|工具押金|宿舍押金",
            excuse: None,
            judge: Fee(Block),
            message: FEE_MSG,
        },
        WordingRule {
            code: "fee.training",
            pattern: "培训费|学费|教材费|资料费|上岗培训收费|考证费",
            excuse: None,
            judge: Fee(Block),
            message: FEE_MSG,
        },
        WordingRule {
            code: "fee.uniform",
            pattern: "服装费|工服费|工装费|制服费|工衣费|工牌费",
            excuse: None,
            judge: Fee(Block),
            message: FEE_MSG,
        },
        WordingRule {
            code: "fee.registration",
            pattern: "报名费|介绍费|中介费|信息费|入职费|手续费|办卡费|挂号费|推荐费|面试费|管理费",
            excuse: None,
            judge: Fee(Block),
            message: FEE_MSG,
        },
        WordingRule {
            code: "fee.medical_check",
            pattern: "体检费(?:用)?(?:自理|自付|自费|个人承担|先交|先付)?|(?:入职|上岗)体检(?:费用)?(?:自理|自付|自费|个人承担)",
            excuse: None,
            judge: Fee(Warn),
            message: "入职体检费用通常应由用人单位承担，向求职者收取请说明并核实（《就业服务与就业管理规定》第十四条）",
        },
        WordingRule {
            code: "fee.upfront",
            pattern: p!(
                "(?:先|需|需要|要|须|必须|得)(?:先)?(?:交|缴|付|缴纳|交纳|支付|垫付)[^,]{0,6}?(?:[0-9]+(?:元|块)|钱|费用)",
                "|交钱(?:后)?(?:上岗|入职|安排)",
            ),
            excuse: Some(
                "不需要?(?:先)?(?:交|缴|付)|无需(?:先)?(?:交|缴|付)|不用(?:先)?(?:交|缴|付)|不要(?:先)?(?:交|缴|付)|不(?:先)?(?:交|缴|收)",
            ),
            judge: Fee(Block),
            message: FEE_MSG,
        },
        WordingRule {
            code: "fee.id_document",
            pattern: "(?:押|扣押|扣留|收押|抵押)(?:身份证|证件|毕业证|户口本)|(?:身份证|证件)(?:押在|抵押|扣押)",
            excuse: Some("不(?:扣|押|收)|绝不"),
            judge: Fee(Block),
            message: "用人单位不得扣押劳动者的居民身份证和其他证件（《劳动合同法》第九条）",
        },
        WordingRule {
            code: "fee.withheld_wages",
            pattern: "(?:押|压|扣)(?:[0-9]+个?月|1个?月|半个?月|[0-9]+天)?工资|工资(?:押|压)(?:[0-9]+个?月|1个?月|半个?月|[0-9]+天)",
            excuse: Some("不(?:押|压|扣)(?:工资|[0-9])|绝不(?:押|压|扣)|从不(?:押|压|扣)"),
            judge: Fee(Block),
            message: "不得克扣或者无故拖欠劳动者工资，也不得以押工资代替押金（《劳动法》第五十条；《劳动合同法》第九条、第三十条）",
        },
        // ---- fraud patterns (谁发布谁负责) ------------------------------------------------
        WordingRule {
            code: "fraud.brushing",
            pattern: "刷单|刷信誉|刷好评|刷流水|点赞员|做任务返佣|返佣金|先垫付|需垫付|垫付货款|垫资|充值返现|拍单",
            excuse: Some(
                "不刷单|非刷单|拒绝刷单|谨防刷单|警惕刷单|严禁刷单|无需垫付|不需垫付|不用垫付|不垫付|无需垫资",
            ),
            judge: Always(Block),
            message: "刷单、垫付类“兼职”是常见诈骗手法，严禁发布虚假、诈骗招聘信息（《人力资源市场暂行条例》第二十四条；《重庆市零工市场建设和服务规范》第十二条）",
        },
        WordingRule {
            code: "fraud.too_good",
            pattern: p!(
                "(?:轻松|在家|躺赚|动动手指|足不出户|手机|无需经验)[^,]{0,6}(?:日赚|日入|月入|月赚|赚|收入)[^,0-9]{0,3}(?:过|超)?[0-9]{3,}",
                "|(?:日赚|日入)(?:过|超)?(?:[0-9]{4,})|月入(?:过|超)?(?:[3-9][0-9]{4,}|[0-9]{6,})|(?:日入|日赚)(?:过|超|上)(?:千|万)",
            ),
            excuse: None,
            judge: Always(Warn),
            message: "收入承诺明显高于正常水平，疑似虚假招聘，请核实（《人力资源市场暂行条例》第二十四条）",
        },
    ]
}

const FEE_MSG: &str = "招用人员不得以担保或者其他名义向劳动者收取财物（押金、培训费、服装费、报名费等），谨防黑中介（《劳动合同法》第九条；《就业服务与就业管理规定》第十四条）";
