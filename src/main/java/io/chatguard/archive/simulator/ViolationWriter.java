package io.chatguard.archive.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes compliance violations for the nine categories of domain.md §2 from templates, synonyms and evasions.
 *
 * <p>Each category has groups of core phrases (the part a rule must catch) and frames that fit them. An evasion
 * rewrites the core (spaced, symbols, pinyin, initials, homophones, emoji, repeats, English) or the whole
 * sentence (traditional characters, full-width, capital digits), the way advisors dodge keyword filters.
 * Stateless; every choice comes from the caller's random.
 */
final class ViolationWriter {

    /** A generated violation: category id, text and the evasion used (for debugging test failures). */
    record Violation(String category, String text, String evasion) {
    }

    /** A keyword as written plainly plus its evasive spellings; null or empty when not applicable. */
    private record Core(String text, String pinyin, String initials, List<String> homophones, String english) {
    }

    private record Group(List<Core> cores, List<String> frames) {
    }

    private record Category(String id, int weight, List<Group> groups) {
    }

    private static Core core(String text, String pinyin, String initials, String homophones, String english) {
        return new Core(text, pinyin, initials, homophones == null ? List.of() : List.of(homophones.split(",")),
                english);
    }

    private static final List<Category> CATEGORIES = List.of(
        new Category("guarantee_return", 18, List.of(new Group(List.of(
                core("保本", "baoben", "bb", "饱本,宝本", "principal guaranteed"),
                core("保收益", "baoshouyi", "bsy", "保收溢", "guaranteed return"),
                core("稳赚不赔", "wenzhuanbupei", "wzbp", "稳转不赔,稳赚不陪", "can't lose"),
                core("零风险", "lingfengxian", "lfx", "零风显", "zero risk"),
                core("保底收益", "baodishouyi", "bdsy", "宝底收益", "guaranteed minimum return"),
                core("本金不会亏", "benjinbuhuikui", null, "本金不会溃", null)), List.of(
                "{addr}，{product}是{core}的，年化{pct}，到期本息一起打回您卡上",
                "跟您透个底，{product}{core}，比存定期划算多了😊",
                "这款我敢打包票，{core}，{pct}一分不会少",
                "{core}！{product}本周五截止认购，额度只剩{amount}了",
                "{addr}，{product}底层都是国债，{core}，您就当存款放着",
                "我干这行这么多年没让客户亏过，{product}{core}，您踏实买")),
            new Group(List.of(
                core("亏了我补", "kuilewobu", "klwb", "亏了我卜", "I'll cover any loss"),
                core("亏损我兜底", "kuisunwodoudi", null, "亏损我兜低", null),
                core("差额我来补", "chaewolaibu", null, "差额我来卜", null)), List.of(
                "{addr}您就安心拿着，{core}，年底至少{pct}",
                "{product}您先买{amount}，{core}，说到做到💪",
                "放心冲，万一跌了{core}，您一分钱不会少")))),
        new Category("insider_info", 12, List.of(new Group(List.of(
                core("内幕消息", "neimuxiaoxi", "nmxx", "内募消息,内木消息", "insider info"),
                core("内部消息", "neibuxiaoxi", "nbxx", "内布消息", "inside news"),
                core("没公开的消息", "meigongkaidexiaoxi", null, null, "non-public info")), List.of(
                "{addr}，{core}：{sector}那只{event}，公告还没出，先埋伏一点",
                "刚拿到的{core}，{event}，下周一公告，今天尾盘进",
                "这个{core}只跟您说，{sector}龙头{event}，千万别外传🤫",
                "朋友在那家公司财务部，给了个{core}：{event}，现在买正是时候")),
            new Group(List.of(
                core("庄家要拉升", "zhuangjiayaolasheng", "zjyls", "装家要拉升", null),
                core("主力明早一起拉", "zhulimingzaoyiqila", null, "助力明早一起拉", null),
                core("提前知道公告", "tiqianzhidaogonggao", "tqzdgg", "题前知道公告", null)), List.of(
                "{addr}，{sector}那只{core}，筹码都收好了，赶紧上车",
                "跟您说个准信，{core}，{event}，目标{price2}")))),
        new Category("stock_tip", 14, List.of(new Group(List.of(
                core("必涨", "bizhang", "bz", "必长,毕涨", "must go up"),
                core("明天涨停", "mingtianzhangting", "mtzt", "明天张停", "limit up tomorrow"),
                core("满仓干", "mancanggan", "mcg", "满舱干", "all in"),
                core("全仓进", "quancangjin", "qcj", "全舱进", "all in"),
                core("稳拿翻倍", "wennafanbei", "wnfb", "稳拿番倍", "double for sure")), List.of(
                "{addr}，{sector}那只{core}，开盘直接挂{price}",
                "听我的，{sector}板块这只{core}，止损{price}，目标{price2}",
                "这波{core}，错过再等一年，{addr}赶紧的🚀",
                "{addr}，我盯了两个月的那只{sector}股，{core}，别犹豫")))),
        new Category("discretionary_trading", 10, List.of(new Group(List.of(
                core("交易密码", "jiaoyimima", "jymm", "交易秘码,交易蜜码", "trading password"),
                core("账户密码", "zhanghumima", "zhmm", "帐户秘码", "account password"),
                core("手机验证码", "shoujiyanzhengma", "sjyzm", "手机验正码", "SMS code")), List.of(
                "{addr}，把{core}发我一下，我帮您把单子挂了",
                "您上班不方便看盘，{core}给我，我替您盯着操作",
                "{addr}出差这几天，{core}先留我这，有行情我帮您买",
                "{core}微信发我就行，{sector}那只我今天帮您调仓")),
            new Group(List.of(
                core("全权操作", "quanquancaozuo", "qqcz", "全权操做", "full discretion"),
                core("账户交给我打理", "zhanghujiaogeiwodali", null, "帐户交给我打里", null),
                core("我替您下单", "wotininxiadan", null, "我替您下丹", null)), List.of(
                "{addr}您年纪大了不方便，{core}，每周跟您对一次账",
                "不用您自己动手，{core}，赚了咱们分",
                "买什么卖什么您别管了，{core}，您只看收益就行")))),
        new Category("private_dealing", 10, List.of(new Group(List.of(
                core("个人账户", "gerenzhanghu", "grzh", "各人账户", "personal account"),
                core("私人卡", "sirenka", "srk", "司人卡", "my own card"),
                core("我爱人的卡", "woairendeka", null, "我爱人的咔", null)), List.of(
                "钱不用走公司，直接转我{core}，年化{pct}按季给您",
                "{addr}，这笔认购款打到我{core}上就行，我帮您操作",
                "公司额度满了，您转我{core}，我这边照样能买到")),
            new Group(List.of(
                core("私下签", "sixiaqian", "sxq", "私下千", "sign privately"),
                core("飞单", "feidan", "fd", "非单", null),
                core("线下签合同", "xianxiaqianhetong", null, "线下千合同", null)), List.of(
                "{addr}，这个项目不在代销名单里，咱们{core}，收益{pct}",
                "别走柜台流程了，{core}更快，手续我来办",
                "{product}是朋友公司发的，{core}就行，公司查不到")))),
        new Category("kickback", 10, List.of(new Group(List.of(
                core("返佣", "fanyong", "fy", "反佣,返拥", "rebate"),
                core("返点", "fandian", null, "反点", "cash back"),
                core("回扣", "huikou", "hk", "回叩", "kickback"),
                core("好处费", "haochufei", "hcf", "好处废", null)), List.of(
                "{addr}买满{amount}，我私下给您{core}{n}个点",
                "交易量做起来，{core}每月微信转您",
                "您介绍朋友来开户，每户{core}{money}，别让公司知道",
                "这个产品的认购费，{core}一半给您，私下结")))),
        new Category("pii_leak", 10, List.of()),
        new Category("illegal_leverage", 8, List.of(new Group(List.of(
                core("配资", "peizi", "pz", "陪资,赔资", "leverage"),
                core("场外配资", "changwaipeizi", "cwpz", "场外陪资", "OTC leverage"),
                core("伞形账户", "sanxingzhanghu", "sxzh", "伞型帐户", "umbrella account")), List.of(
                "{addr}本金不够的话，我这有{core}渠道，1比{n}，当天放款",
                "{core}了解一下，{n}倍杠杆，不看征信",
                "{addr}，{core}已经给您对接好了，入金后放大{n}倍",
                "光靠两融太慢了，{core}1:{n}，利息按月算")))),
        new Category("absolute_claims", 8, List.of(new Group(List.of(
                core("全市场最好", "quanshichangzuihao", null, "全市场最号", "the best"),
                core("业内第一", "yeneidiyi", "yndy", "业内弟一", "No.1"),
                core("独一无二", "duyiwuer", "dywe", "独一无尔", "one of a kind")), List.of(
                "我们的投研团队{core}，别家根本没法比",
                "{product}的收益{core}，没有之一",
                "其他券商都是坑客户的，我们才是{core}",
                "{addr}，我们的服务{core}，跟着我们准没错👍")))));

    private static final String[] PRODUCTS = {"稳利3号", "安鑫180天", "睿享2期", "鑫盈6号", "恒泰固收1号", "聚益宝",
        "长盈FOF", "添利90天", "汇智精选", "惠民债基"};
    private static final String[] SECTORS = {"半导体", "光伏", "军工", "券商", "医药", "算力", "白酒", "低空经济",
        "机器人", "新能源车"};
    private static final String[] EVENTS = {"要重组", "下周停牌资产注入", "三季报净利翻倍", "要高送转",
        "拿到一个大订单", "要被并购"};
    private static final String[] GIVEN = {"建华", "秀英", "志强", "丽娟", "国庆", "海燕", "文博", "晓东", "春梅", "宏伟"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    private static final String[] EMOJI = {"🔥", "💰", "📈", "✨", "🙏", "👍", "💡"};
    private static final String SYMBOLS = "*-./_|";
    private static final String[] ID_AREAS = {"110105", "310104", "440305", "510107", "330106", "420106",
        "320102", "370202"};
    private static final String[] CARD_BINS = {"622202", "622848", "621700", "621483", "622588", "622262"};
    private static final String[] MOBILE_PREFIXES = {"133", "135", "138", "139", "150", "152", "158", "166", "177",
        "186", "189", "199"};
    private static final String CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖";

    private static final Map<Character, Character> TRADITIONAL = traditionalTable();

    private final int totalWeight = CATEGORIES.stream().mapToInt(Category::weight).sum();

    /** A violation in a random category, addressed with {@code addr}. */
    Violation write(SplittableRandom random, String addr) {
        int pick = random.nextInt(totalWeight);
        for (Category category : CATEGORIES) {
            pick -= category.weight();
            if (pick < 0) {
                return write(random, category, addr);
            }
        }
        throw new IllegalStateException();
    }

    /** A file name that is itself a violation, such as a rebate settlement sheet. */
    Violation fileName(SplittableRandom random) {
        String[][] names = {
            {"guarantee_return", "{product}保本保收益说明.pdf"},
            {"guarantee_return", "稳赚不赔产品清单.xlsx"},
            {"insider_info", "内幕消息_重组名单.xlsx"},
            {"stock_tip", "明日涨停金股名单.pdf"},
            {"discretionary_trading", "代客操作账户密码表.xlsx"},
            {"private_dealing", "私下认购协议.docx"},
            {"kickback", "返佣结算明细.xlsx"},
            {"illegal_leverage", "场外配资合同1比10.docx"},
            {"absolute_claims", "全市场第一投顾服务介绍.pptx"},
        };
        String[] chosen = names[random.nextInt(names.length)];
        return new Violation(chosen[0], fill(chosen[1], random, ""), "none");
    }

    private Violation write(SplittableRandom random, Category category, String addr) {
        if (category.id().equals("pii_leak")) {
            return piiLeak(random, addr);
        }
        Group group = category.groups().get(random.nextInt(category.groups().size()));
        Core core = group.cores().get(random.nextInt(group.cores().size()));
        String frame = group.frames().get(random.nextInt(group.frames().size()));
        String evasion = pickEvasion(random, core, frame);
        String coreText = switch (evasion) {
            case "spaced" -> String.join(" ", core.text().split(""));
            case "symbols" -> interleave(core.text(), String.valueOf(SYMBOLS.charAt(random.nextInt(SYMBOLS.length()))));
            case "emoji_insert" -> insertAt(core.text(), EMOJI[random.nextInt(EMOJI.length)], random);
            case "repeated" -> repeated(core.text(), random);
            case "pinyin" -> random.nextBoolean() ? core.pinyin() : spacedPinyin(core.pinyin());
            case "initials" -> core.initials();
            case "homophone" -> core.homophones().get(random.nextInt(core.homophones().size()));
            case "mixed_case_english" -> mixedCase(core.english(), random);
            case "fullwidth" -> fullWidth(core.pinyin());
            default -> core.text();
        };
        String text = fill(frame.replace("{core}", coreText), random, addr);
        if (evasion.equals("traditional")) {
            text = traditional(text);
        } else if (evasion.equals("digits_variant")) {
            text = capitalDigits(text);
        }
        return new Violation(category.id(), text, evasion);
    }

    private static String pickEvasion(SplittableRandom random, Core core, String frame) {
        if (random.nextInt(100) < 45) {
            return "none";
        }
        String[] all = {"spaced", "symbols", "emoji_insert", "repeated", "pinyin", "initials", "homophone",
            "mixed_case_english", "fullwidth", "traditional", "digits_variant"};
        for (int attempt = 0; attempt < 8; attempt++) {
            String candidate = all[random.nextInt(all.length)];
            boolean applicable = switch (candidate) {
                case "pinyin", "fullwidth" -> core.pinyin() != null;
                case "initials" -> core.initials() != null;
                case "homophone" -> !core.homophones().isEmpty();
                case "mixed_case_english" -> core.english() != null;
                case "digits_variant" -> frame.contains("{n}") || frame.contains("{pct}") || frame.contains("{amount}");
                default -> core.text().length() > 1;
            };
            if (applicable) {
                return candidate;
            }
        }
        return "none";
    }

    private Violation piiLeak(SplittableRandom random, String addr) {
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
        int shape = random.nextInt(5);
        String evasion = random.nextInt(100) < 60 ? "none" : switch (random.nextInt(3)) {
            case 0 -> "spaced";
            case 1 -> "fullwidth";
            default -> "digits_variant";
        };
        String id = idNumber(random);
        String card = cardNumber(random);
        String mobile = mobile(random);
        if (evasion.equals("spaced")) {
            id = id.substring(0, 6) + " " + id.substring(6, 10) + " " + id.substring(10, 14) + " " + id.substring(14);
            card = card.replaceAll("(.{4})(?!$)", "$1 ");
            mobile = mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7);
        } else if (evasion.equals("fullwidth")) {
            id = fullWidth(id);
            card = fullWidth(card);
            mobile = fullWidth(mobile);
        } else if (evasion.equals("digits_variant")) {
            // Capital digits are how mobile numbers get past filters; ids and cards stay numeric.
            shape = 3 + random.nextInt(2);
            mobile = capitalDigits(mobile);
        }
        String text = switch (shape) {
            case 0 -> "{addr}，您让我查的" + name + "，身份证号" + id + "，在我们这开过户";
            case 1 -> name + "的银行卡" + card + "，下周一帮您做银证绑定";
            case 2 -> "把" + name + "的资料发您：身份证" + id + "，卡号" + card + "，核对一下";
            case 3 -> "{addr}，另一位客户" + name + "的手机" + mobile + "，您俩可以聊聊";
            default -> name + "电话" + mobile + "，他说想跟您一起认购{product}";
        };
        return new Violation("pii_leak", fill(text, random, addr), evasion);
    }

    /** A GB 11643 citizen id number whose check character is valid. */
    static String idNumber(SplittableRandom random) {
        String body = ID_AREAS[random.nextInt(ID_AREAS.length)]
                + (1955 + random.nextInt(50))
                + String.format("%02d", 1 + random.nextInt(12))
                + String.format("%02d", 1 + random.nextInt(28))
                + String.format("%03d", random.nextInt(1000));
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** A 16- or 19-digit bank card number with a valid Luhn check digit. */
    static String cardNumber(SplittableRandom random) {
        StringBuilder digits = new StringBuilder(CARD_BINS[random.nextInt(CARD_BINS.length)]);
        int length = random.nextBoolean() ? 16 : 19;
        while (digits.length() < length - 1) {
            digits.append(random.nextInt(10));
        }
        int sum = 0;
        for (int i = digits.length() - 1, position = 0; i >= 0; i--, position++) {
            int d = digits.charAt(i) - '0';
            if (position % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return digits.append((10 - sum % 10) % 10).toString();
    }

    static String mobile(SplittableRandom random) {
        return MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)] + String.format("%08d", random.nextInt(100_000_000));
    }

    static String fill(String frame, SplittableRandom random, String addr) {
        String text = frame;
        if (text.contains("{addr}")) {
            text = text.replace("{addr}", addr.isEmpty() ? "您好" : addr);
        }
        return text.replace("{product}", PRODUCTS[random.nextInt(PRODUCTS.length)])
                .replace("{sector}", SECTORS[random.nextInt(SECTORS.length)])
                .replace("{event}", EVENTS[random.nextInt(EVENTS.length)])
                .replace("{pct}", (3 + random.nextInt(7)) + "." + random.nextInt(10) + "%")
                .replace("{amount}", (10 + random.nextInt(10) * 10) + "万")
                .replace("{money}", (2 + random.nextInt(9)) * 100 + "元")
                .replace("{n}", String.valueOf(2 + random.nextInt(9)))
                .replace("{price2}", String.valueOf(20 + random.nextInt(30)))
                .replace("{price}", (8 + random.nextInt(12)) + "." + random.nextInt(10));
    }

    private static String interleave(String text, String separator) {
        return String.join(separator, text.split(""));
    }

    private static String insertAt(String text, String insert, SplittableRandom random) {
        int at = 1 + random.nextInt(Math.max(1, text.length() - 1));
        return text.substring(0, at) + insert + text.substring(at);
    }

    private static String repeated(String text, SplittableRandom random) {
        if (text.length() <= 2 || random.nextBoolean()) {
            StringBuilder out = new StringBuilder();
            for (char c : text.toCharArray()) {
                out.append(c).append(c);
            }
            return out.toString();
        }
        return text.charAt(0) + text;
    }

    private static String spacedPinyin(String pinyin) {
        return pinyin.replaceAll("(?<=[aeiou]n?g?)(?=(?:zh|ch|sh|[bcdfghjklmnpqrstwxyz])[aeiou])", " ");
    }

    private static String mixedCase(String english, SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> english.toUpperCase(java.util.Locale.ROOT);
            case 1 -> Character.toUpperCase(english.charAt(0)) + english.substring(1);
            default -> english;
        };
    }

    static String fullWidth(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c > 0x20 && c < 0x7f ? (char) (c + 0xfee0) : c);
        }
        return out.toString();
    }

    static String capitalDigits(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? CAPITAL_DIGITS.charAt(c - '0') : c);
        }
        return out.toString();
    }

    static String traditional(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(TRADITIONAL.getOrDefault(c, c));
        }
        return out.toString();
    }

    private static Map<Character, Character> traditionalTable() {
        String simplified = "证赚赔内帐账户码给帮们这个转资杠杆场险还钱卖买进开盘涨仓单号费点佣说认购协议签发过时间后对车稳绝风亏补问题两万让线实现头从来动业绩权络条预会与财产经纪谈请别传庄组并应该东里张刘陈赵孙总额满户"
                + "额龙贷计结划补损兜钟际优选团队没仅只";
        String traditional = "證賺賠內帳帳戶碼給幫們這個轉資槓桿場險還錢賣買進開盤漲倉單號費點傭說認購協議簽發過時間後對車穩絕風虧補問題兩萬讓線實現頭從來動業績權絡條預會與財產經紀談請別傳莊組併應該東裡張劉陳趙孫總額滿戶"
                + "額龍貸計結劃補損兜鐘際優選團隊沒僅只";
        if (simplified.length() != traditional.length()) {
            throw new IllegalStateException("traditional table is misaligned");
        }
        Map<Character, Character> table = new HashMap<>();
        for (int i = 0; i < simplified.length(); i++) {
            table.put(simplified.charAt(i), traditional.charAt(i));
        }
        return Map.copyOf(table);
    }
}
