package io.chatguard.archive.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The people and rooms of a simulated corp, fixed by the seed. Immutable and safe to share.
 *
 * @param employees advisors with WeCom userids
 * @param contacts external contacts ("wm" + 28 characters), each served by one advisor
 * @param rooms group chats ("wr" + 30 characters) with several members
 */
record Cast(List<Employee> employees, List<Contact> contacts, List<Room> rooms) {

    /** An advisor. */
    record Employee(String userid, String name) {
    }

    /**
     * A client on WeCom.
     *
     * @param addr how the advisor addresses them (王姐, 李总)
     * @param advisor index into {@link Cast#employees()}
     */
    record Contact(String externalUserId, String addr, int advisor) {
    }

    /** A group chat: {@code owner} and other employees by index, contacts by index. */
    record Room(String roomid, String name, List<Integer> employees, List<Integer> contacts) {
        Room {
            employees = List.copyOf(employees);
            contacts = List.copyOf(contacts);
        }
    }

    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String[][] EMPLOYEES = {
        {"zhangwei", "张伟"}, {"liting", "李婷"}, {"wangfang", "王芳"}, {"liuyang", "刘洋"},
        {"chenjing", "陈静"}, {"zhaolei", "赵磊"}, {"sunli", "孙丽"}, {"zhouqiang", "周强"},
    };
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
        "马", "朱", "胡", "郭", "何", "林", "高", "罗"};
    private static final String[] TITLES = {"姐", "哥", "总", "叔", "阿姨", "老师", "先生", "女士", "总", "姐"};
    private static final String[] ROOM_NAMES = {"稳健理财交流群", "VIP客户服务群", "新能源主题投资沙龙", "养老规划答疑群",
        "两融业务咨询群", "基金定投打卡群"};
    private static final int CONTACTS = 40;
    private static final int ROOMS = 5;

    Cast {
        employees = List.copyOf(employees);
        contacts = List.copyOf(contacts);
        rooms = List.copyOf(rooms);
    }

    static Cast generate(long seed) {
        SplittableRandom random = Seeds.stream(seed, 0, Seeds.CAST);
        List<Employee> employees = new ArrayList<>();
        for (String[] e : EMPLOYEES) {
            employees.add(new Employee(e[0], e[1]));
        }
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            String addr = SURNAMES[random.nextInt(SURNAMES.length)] + TITLES[random.nextInt(TITLES.length)];
            contacts.add(new Contact("wm" + randomId(random, 28), addr, i % employees.size()));
        }
        List<Room> rooms = new ArrayList<>();
        for (int r = 0; r < ROOMS; r++) {
            int owner = r % employees.size();
            List<Integer> roomEmployees = new ArrayList<>(List.of(owner));
            if (random.nextInt(3) == 0) {
                roomEmployees.add((owner + 1 + random.nextInt(employees.size() - 1)) % employees.size());
            }
            List<Integer> roomContacts = new ArrayList<>();
            int size = 3 + random.nextInt(6);
            while (roomContacts.size() < size) {
                int c = random.nextInt(CONTACTS);
                if (!roomContacts.contains(c)) {
                    roomContacts.add(c);
                }
            }
            rooms.add(new Room("wr" + randomId(random, 30), ROOM_NAMES[r % ROOM_NAMES.length], roomEmployees,
                    roomContacts));
        }
        return new Cast(employees, contacts, rooms);
    }

    private static String randomId(SplittableRandom random, int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
