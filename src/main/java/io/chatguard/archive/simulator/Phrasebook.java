package io.chatguard.archive.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Clean chat traffic: routine advisor messages, compliant hard negatives that contain risky words
 * (本产品不保本-style disclosures, anti-fraud warnings), and client messages. Stateless.
 */
final class Phrasebook {

    private static final List<String> ADVISOR_ROUTINE = List.of(
            "{addr}早上好☀️ 今天的晨会纪要发您了，有空看看",
            "{addr}，您那笔{product}的申购已经确认，份额明天能查到",
            "好的{addr}，我下午三点前给您回电话",
            "{addr}，周四上午柜台给您约好了，带身份证原件就行",
            "今天两市成交额{n}千亿左右，{sector}板块领涨，整体震荡",
            "{addr}，您的风险测评下个月到期，APP里“我的-风险测评”可以重做",
            "收到，我帮您查一下转账进度，稍等哈",
            "{addr}，赎回款预计T+2到账，到了我提醒您",
            "本周五晚上有{sector}行业的线上路演，需要的话我帮您报名",
            "{addr}，您要的{product}说明书和风险揭示书我都发您邮箱了，请查收🙏",
            "国债逆回购今天1天期年化{pct}，闲置资金可以关注一下",
            "{addr}，新股申购需要对应市场市值，规则我整理好了晚点发您",
            "不客气，有问题随时找我😊",
            "{addr}，定投扣款日是每月{n}号，记得卡里留够余额",
            "营业部这周六系统升级，APP会暂停几个小时，给您带来不便请见谅",
            "{addr}，您的适当性信息需要更新一下职业，方便时在APP里改",
            "中秋快乐🥮 祝您和家人团团圆圆",
            "好的，电子合同已经发起，您在APP“待签署”里能看到",
            "{addr}，港股通额度今天正常，可以直接在APP下单",
            "明白，那我们下周再约时间聊",
            "{addr}，{product}上季度净值回撤了1.{n}%，季报里有说明，跟您同步一下",
            "您持仓{sector}比较集中，波动会大一些，可以考虑适当分散");

    /** Compliant messages that contain words a naive keyword filter would flag. */
    private static final List<String> HARD_NEGATIVES = List.of(
            "{addr}，提醒一下：{product}不保本，过往业绩不代表未来表现，请根据风险承受能力选择",
            "温馨提示：请勿向任何人透露交易密码和验证码，包括我们的工作人员",
            "内幕交易是违法行为，网上那些所谓的内幕消息基本都是骗局，您千万别信",
            "根据规定我们不能承诺收益，只能给您看历史业绩和风险说明",
            "{addr}，您期货账户保证金余额偏低，请留意追加，避免强平",
            "今天{sector}板块成交量较昨日翻倍，市场情绪明显回暖",
            "{product}是稳健型产品，风险等级R2，但也不是绝对不会亏，请您知悉",
            "新闻：资管新规落地后，保本基金已退出历史舞台，陆续转型了",
            "场外配资不受法律保护，监管多次提示风险，您别碰",
            "公司规定员工不得给客户返佣，佣金统一按公司标准执行",
            "凡是跟您说稳赚不赔的，基本都是骗子，多留个心眼",
            "代客理财是违规的，下单必须您本人操作，我不能碰您的账户",
            "提醒：如有人以我司名义让您把钱转到个人账户，请立即拨打官方客服核实",
            "私募产品需要合格投资者认证，必须走公司流程双录，不能私下签",
            "公司唯一的官方APP下载渠道是应用商店，别点短信里的陌生链接",
            "说明书第一页写着“本基金不保证最低收益”，签字前请仔细看",
            "融资融券是交易所批准的正规业务，和场外配资是两回事",
            "最近有人冒充我们员工拉群荐股，说什么明天必涨，您别加陌生人",
            "货币基金七日年化{pct}，但这不是承诺，过往收益不代表以后",
            "我保证今天下班前把开户资料清单发您😊");

    private static final List<String> CLIENT = List.of(
            "好的，收到🙏", "这个产品风险大吗？", "钱什么时候到账？", "我再考虑考虑", "谢谢小{adv}",
            "今天大盘怎么跌这么多", "{product}现在还能买吗", "APP登不上去了，怎么回事", "好的，明天上午我过去",
            "上次那个基金赎回了吗？", "嗯嗯", "有没有收益高一点的产品推荐？", "我的风险等级是多少来着",
            "行，你把资料发我邮箱吧", "周末也能转账吗", "👍", "新股中签了怎么缴款？", "知道了，辛苦啦",
            "这个月定投扣了吗", "最近{sector}板块怎么样？", "我想把两融开了，需要什么条件", "[微笑]");

    private static final String[] ADVISOR_NICK = {"张", "李", "王", "刘", "陈", "赵", "孙", "周"};

    private Phrasebook() {
    }

    static String advisorRoutine(SplittableRandom random, String addr) {
        return ViolationWriter.fill(pick(ADVISOR_ROUTINE, random), random, addr);
    }

    static String hardNegative(SplittableRandom random, String addr) {
        return ViolationWriter.fill(pick(HARD_NEGATIVES, random), random, addr);
    }

    static String client(SplittableRandom random) {
        return ViolationWriter.fill(pick(CLIENT, random), random, "")
                .replace("{adv}", ADVISOR_NICK[random.nextInt(ADVISOR_NICK.length)]);
    }

    static <T> T pick(List<T> items, SplittableRandom random) {
        return items.get(random.nextInt(items.size()));
    }

    static <T> T pick(T[] items, SplittableRandom random) {
        return items[random.nextInt(items.length)];
    }
}
