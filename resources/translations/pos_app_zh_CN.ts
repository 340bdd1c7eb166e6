<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CameraView</name>
    <message>
        <source>Camera off (F4)</source>
        <translation>关闭摄像头 (F4)</translation>
    </message>
    <message>
        <source>Camera on (F4)</source>
        <translation>打开摄像头 (F4)</translation>
    </message>
    <message>
        <source>Looking for cameras…</source>
        <translation>正在查找摄像头…</translation>
    </message>
    <message>
        <source>No camera found. Use the handheld scanner or type the code.</source>
        <translation>未找到摄像头。请使用扫码枪或手动输入券码。</translation>
    </message>
    <message>
        <source>Camera is off.</source>
        <translation>摄像头已关闭。</translation>
    </message>
</context>
<context>
    <name>ChangePinDialog</name>
    <message>
        <source>Manager PIN</source>
        <translation>店长 PIN</translation>
    </message>
    <message>
        <source>Set a manager PIN</source>
        <translation>设置店长 PIN</translation>
    </message>
    <message>
        <source>Current PIN:</source>
        <translation>当前 PIN：</translation>
    </message>
    <message>
        <source>New PIN (4 to 8 digits):</source>
        <translation>新 PIN（4 到 8 位数字）：</translation>
    </message>
    <message>
        <source>New PIN again:</source>
        <translation>再次输入新 PIN：</translation>
    </message>
    <message>
        <source>No manager PIN is set on this counter yet. A manager must choose one now: marking coupons unavailable, overriding conditions and the settings all need it.</source>
        <translation>本收银台尚未设置店长 PIN。现在必须由店长设置一个：标记券不可用、放行未满足的条件以及更改设置都需要它。</translation>
    </message>
    <message>
        <source>The new PIN was not saved: the settings file cannot be written.</source>
        <translation>新密码未保存：无法写入设置文件。</translation>
    </message>
</context>
<context>
    <name>Connectivity</name>
    <message>
        <source>Earlier operations checked</source>
        <translation>已核对之前的操作</translation>
    </message>
    <message>
        <source>WeChat has now answered about operations whose answer had been lost:</source>
        <translation>之前应答丢失的操作，微信现已给出结果：</translation>
    </message>
</context>
<context>
    <name>CounterView</name>
    <message>
        <source>TRAINING — nothing is redeemed for real</source>
        <translation>培训模式——不会真正核销任何券</translation>
    </message>
    <message>
        <source>Change cashier (F2)</source>
        <translation>更换收银员 (F2)</translation>
    </message>
    <message>
        <source>Settings (F12)</source>
        <translation>设置 (F12)</translation>
    </message>
    <message>
        <source>Close shift (F11)</source>
        <translation>交班 (F11)</translation>
    </message>
    <message>
        <source>History (F3)</source>
        <translation>历史记录 (F3)</translation>
    </message>
    <message>
        <source>Redeem (F9)</source>
        <translation>核销 (F9)</translation>
    </message>
    <message>
        <source>Mark unavailable (F10)</source>
        <translation>设为不可用 (F10)</translation>
    </message>
    <message>
        <source>Clear (Esc)</source>
        <translation>清除 (Esc)</translation>
    </message>
    <message>
        <source>Coupon counter</source>
        <translation>卡券核销台</translation>
    </message>
    <message>
        <source>TRAINING</source>
        <translation>培训模式</translation>
    </message>
</context>
<context>
    <name>DemoCards</name>
    <message>
        <source>10% off at People&apos;s Square store</source>
        <translation>人民广场店九折</translation>
    </message>
    <message>
        <source>2 hours free parking</source>
        <translation>免费停车2小时</translation>
    </message>
    <message>
        <source>20% off everything</source>
        <translation>全场八折</translation>
    </message>
    <message>
        <source>Adult</source>
        <translation>成人</translation>
    </message>
    <message>
        <source>All items, in store</source>
        <translation>全场通用，限店内</translation>
    </message>
    <message>
        <source>Beef noodles and a drink.</source>
        <translation>牛肉面一碗，饮料一杯。</translation>
    </message>
    <message>
        <source>Cakes</source>
        <translation>蛋糕</translation>
    </message>
    <message>
        <source>Cannot be combined with other offers.</source>
        <translation>不可与其他优惠同享。</translation>
    </message>
    <message>
        <source>Chengdu</source>
        <translation>成都</translation>
    </message>
    <message>
        <source>Demo Bakery</source>
        <translation>演示烘焙坊</translation>
    </message>
    <message>
        <source>Demo Bakery member card</source>
        <translation>演示烘焙坊会员卡</translation>
    </message>
    <message>
        <source>Evening show, Hall 3</source>
        <translation>晚场，3号厅</translation>
    </message>
    <message>
        <source>Free coffee (member code)</source>
        <translation>免费咖啡（会员码）</translation>
    </message>
    <message>
        <source>Free egg tart</source>
        <translation>免费蛋挞</translation>
    </message>
    <message>
        <source>Free mooncake (from next week)</source>
        <translation>免费月饼（下周起）</translation>
    </message>
    <message>
        <source>Garden admission</source>
        <translation>园林门票</translation>
    </message>
    <message>
        <source>Gift boxes</source>
        <translation>礼盒</translation>
    </message>
    <message>
        <source>Guangzhou</source>
        <translation>广州</translation>
    </message>
    <message>
        <source>Hotpot set for two ¥132</source>
        <translation>双人火锅套餐 132元</translation>
    </message>
    <message>
        <source>Members get 5% off cakes.</source>
        <translation>会员购买蛋糕享九五折。</translation>
    </message>
    <message>
        <source>Noodle set (older card)</source>
        <translation>面条套餐（旧版卡券）</translation>
    </message>
    <message>
        <source>One Portuguese egg tart</source>
        <translation>葡式蛋挞一个</translation>
    </message>
    <message>
        <source>One americano</source>
        <translation>美式咖啡一杯</translation>
    </message>
    <message>
        <source>One lotus-seed mooncake</source>
        <translation>莲蓉月饼一个</translation>
    </message>
    <message>
        <source>Show the code at the counter</source>
        <translation>请在收银台出示券码</translation>
    </message>
    <message>
        <source>Shuttle flight CE123</source>
        <translation>穿梭航班 CE123</translation>
    </message>
    <message>
        <source>Soup base of your choice, 2 plates of beef, 1 plate of vegetables, 2 drinks.</source>
        <translation>锅底任选，牛肉两份，蔬菜一份，饮料两杯。</translation>
    </message>
    <message>
        <source>Stamp card (unknown type)</source>
        <translation>集章卡（未知类型）</translation>
    </message>
    <message>
        <source>The Demo Movie, 19:30, Hall 3, 2D</source>
        <translation>《演示电影》，19:30，3号厅，2D</translation>
    </message>
    <message>
        <source>Two hours of free parking in the mall car park.</source>
        <translation>商场停车场免费停车两小时。</translation>
    </message>
    <message>
        <source>Weekdays 10:00-14:00</source>
        <translation>工作日 10:00-14:00</translation>
    </message>
    <message>
        <source>any drink</source>
        <translation>任意饮品</translation>
    </message>
    <message>
        <source>¥10 off at lunchtime</source>
        <translation>午市立减10元</translation>
    </message>
    <message>
        <source>¥20 off orders of ¥100</source>
        <translation>满100元减20元</translation>
    </message>
    <message>
        <source>¥30 off orders of ¥200 (member code)</source>
        <translation>满200元减30元（会员码）</translation>
    </message>
    <message>
        <source>¥5 off (last month&apos;s promotion)</source>
        <translation>立减5元（上月活动）</translation>
    </message>
    <message>
        <source>¥5 off, no end date</source>
        <translation>立减5元，长期有效</translation>
    </message>
    <message>
        <source>¥50 off orders of ¥500</source>
        <translation>满500元减50元</translation>
    </message>
    <message>
        <source>¥50 off when you spend ¥500 or more.</source>
        <translation>消费满500元立减50元。</translation>
    </message>
    <message>
        <source>¥8 off (withdrawn promotion)</source>
        <translation>立减8元（已撤销的活动）</translation>
    </message>
</context>
<context>
    <name>DemoCodes</name>
    <message>
        <source>¥50 off orders of ¥500 or more, redeemable</source>
        <translation>满¥500减¥50，可核销</translation>
    </message>
    <message>
        <source>20% off, redeemable</source>
        <translation>8折，可核销</translation>
    </message>
    <message>
        <source>free egg tart, redeemable</source>
        <translation>免费蛋挞，可核销</translation>
    </message>
    <message>
        <source>hotpot set for two, redeemable (30 days from receipt)</source>
        <translation>双人火锅套餐，可核销（领取后30天有效）</translation>
    </message>
    <message>
        <source>2 h free parking, redeemable</source>
        <translation>免费停车 2 小时，可核销</translation>
    </message>
    <message>
        <source>¥10 off, weekdays 10:00-14:00 only</source>
        <translation>减¥10，仅限工作日 10:00-14:00</translation>
    </message>
    <message>
        <source>10% off, only in store 401234567</source>
        <translation>9折，仅限门店 401234567</translation>
    </message>
    <message>
        <source>¥20 off ¥100, not with other offers</source>
        <translation>满¥100减¥20，不与其他优惠同享</translation>
    </message>
    <message>
        <source>custom code: ¥30 off ¥200, redeemable</source>
        <translation>自定义券码：满¥200减¥30，可核销</translation>
    </message>
    <message>
        <source>already redeemed</source>
        <translation>已被核销</translation>
    </message>
    <message>
        <source>expired (status EXPIRE)</source>
        <translation>已过期（状态 EXPIRE）</translation>
    </message>
    <message>
        <source>end time passed, status still NORMAL</source>
        <translation>已过截止时间，状态仍为 NORMAL</translation>
    </message>
    <message>
        <source>not valid yet (from in 2 days)</source>
        <translation>未生效（2 天后生效）</translation>
    </message>
    <message>
        <source>being gifted to a friend (GIFTING)</source>
        <translation>转赠中（GIFTING）</translation>
    </message>
    <message>
        <source>gift timed out (GIFT_TIMEOUT)</source>
        <translation>转赠已超时（GIFT_TIMEOUT）</translation>
    </message>
    <message>
        <source>deleted by the holder (DELETE)</source>
        <translation>已被持有人删除（DELETE）</translation>
    </message>
    <message>
        <source>invalidated (UNAVAILABLE)</source>
        <translation>已作废（UNAVAILABLE）</translation>
    </message>
    <message>
        <source>gifted away and accepted (service: invalid code)</source>
        <translation>已转赠并被领取（微信：无效券码）</translation>
    </message>
    <message>
        <source>unknown code</source>
        <translation>未知券码</translation>
    </message>
    <message>
        <source>¥5 off, no end date (permanent card)</source>
        <translation>减¥5，无截止日期（永久有效券）</translation>
    </message>
    <message>
        <source>older card: numeric date type, no advanced info</source>
        <translation>旧版卡券：有效期类型为数字，无高级信息</translation>
    </message>
    <message>
        <source>card deleted by WeChat (SYS_DELETE): manager override needed</source>
        <translation>卡券已被微信删除（SYS_DELETE）：需店长授权</translation>
    </message>
    <message>
        <source>member card: shown, never redeemed</source>
        <translation>会员卡：仅显示，不在此核销</translation>
    </message>
    <message>
        <source>movie ticket: admit</source>
        <translation>电影票：检票入场</translation>
    </message>
    <message>
        <source>garden admission ticket (7 days from receipt)</source>
        <translation>园区门票（领取后7天有效）</translation>
    </message>
    <message>
        <source>boarding pass with gate and route</source>
        <translation>登机牌（含登机口和航线）</translation>
    </message>
    <message>
        <source>a card type this app does not know: never redeemed</source>
        <translation>本应用不认识的卡券类型：不核销</translation>
    </message>
</context>
<context>
    <name>DemoCodesPanel</name>
    <message>
        <source>Demo codes (click to scan)</source>
        <translation>演示券码（点击即扫描）</translation>
    </message>
    <message>
        <source>used: {outcome}</source>
        <translation>已使用：{outcome}</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Redeemable</source>
        <translation>可核销</translation>
    </message>
    <message>
        <source>Not redeemable</source>
        <translation>不可核销</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>已核销</translation>
    </message>
    <message>
        <source>Marked unavailable</source>
        <translation>已设为不可用</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>Not confirmed yet</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <source>Used, possibly at another counter</source>
        <translation>已使用，可能在其他收银台</translation>
    </message>
    <message>
        <source>Lookup</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>核销</translation>
    </message>
    <message>
        <source>Mark unavailable</source>
        <translation>设为不可用</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>收银台</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>券码</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>优惠内容</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason / note</source>
        <translation>原因 / 备注</translation>
    </message>
    <message>
        <source>Search the full code or its last digits to find this row.</source>
        <translation>输入完整券码或其末尾几位即可找到这一行。</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>券码(&amp;C)：</translation>
    </message>
    <message>
        <source>whole code or its last digits</source>
        <translation>完整券码或末尾几位</translation>
    </message>
    <message>
        <source>Any &amp;day</source>
        <translation>任意日期(&amp;D)</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <source>Cas&amp;hier:</source>
        <translation>收银员(&amp;H)：</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Show &amp;more</source>
        <translation>显示更多(&amp;M)</translation>
    </message>
    <message>
        <source>Shift &amp;report…</source>
        <translation>交班报表(&amp;R)…</translation>
    </message>
    <message>
        <source>Coupon &amp;statistics…</source>
        <translation>卡券统计(&amp;S)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The journal is not available.</source>
        <translation>流水不可用。</translation>
    </message>
    <message>
        <source>The journal could not be read: {error}</source>
        <translation>无法读取流水：{error}</translation>
    </message>
    <message>
        <source>Newest {count} operations shown</source>
        <translation>显示最新的 {count} 条操作</translation>
    </message>
    <message>
        <source>{count} operations</source>
        <translation>共 {count} 条操作</translation>
    </message>
</context>
<context>
    <name>IntegrityBanner</name>
    <message>
        <source>Warning: the record of operations (journal) on this computer has been changed from outside the app. Earlier operations may be missing. Tell the manager; keep serving customers as usual.</source>
        <translation>警告：本机的操作记录（日志）被本程序以外的方式改动过，之前的操作可能已丢失。请告知店长；顾客照常接待。</translation>
    </message>
</context>
<context>
    <name>InvalidateDialog</name>
    <message>
        <source>Enter or choose a reason.</source>
        <translation>请输入或选择原因。</translation>
    </message>
    <message>
        <source>The reason may have at most 64 characters.</source>
        <translation>原因最多 64 个字符。</translation>
    </message>
    <message>
        <source>Tick that the customer agreed.</source>
        <translation>请勾选“顾客已同意”。</translation>
    </message>
    <message>
        <source>Mark coupon unavailable</source>
        <translation>将优惠券设为不可用</translation>
    </message>
    <message>
        <source>Mark coupon {what} unavailable?</source>
        <translation>将优惠券 {what} 设为不可用？</translation>
    </message>
    <message>
        <source>&amp;Reason (required, at most 64 characters):</source>
        <translation>原因（必填，最多 64 个字符）(&amp;R)：</translation>
    </message>
    <message>
        <source>Customer asked to cancel the coupon</source>
        <translation>顾客要求作废此券</translation>
    </message>
    <message>
        <source>Coupon issued by mistake</source>
        <translation>误发的优惠券</translation>
    </message>
    <message>
        <source>Coupon damaged or unreadable</source>
        <translation>券码损坏或无法识别</translation>
    </message>
    <message>
        <source>Suspected misuse</source>
        <translation>疑似违规使用</translation>
    </message>
    <message>
        <source>The customer &amp;agreed</source>
        <translation>顾客已同意(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
    <message>
        <source>Continue (Enter)</source>
        <translation>继续 (Enter)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Yes, mark unavailable (Enter)</source>
        <translation>是，设为不可用 (Enter)</translation>
    </message>
    <message>
        <source>This cannot be undone: the coupon {code} can never be used again.
Reason: {reason}</source>
        <translation>此操作无法撤销：优惠券 {code} 将永远不能再使用。
原因：{reason}</translation>
    </message>
</context>
<context>
    <name>JournalShipView</name>
    <message>
        <source>Journal: the hub refuses this counter&apos;s rows ({reason}). Tell the manager.</source>
        <translation>记录：中心拒收本收银台的记录（{reason}）。请告知店长。</translation>
    </message>
    <message>
        <source>Journal: {count} row(s) not yet at the hub (hub unreachable since {time})</source>
        <translation>记录：{count} 条尚未送达中心（自 {time} 起连不上中心）</translation>
    </message>
    <message>
        <source>Journal: all rows at the hub ({time})</source>
        <translation>记录：已全部送达中心（{time}）</translation>
    </message>
    <message>
        <source>Journal: {count} row(s) not yet at the hub ({time})</source>
        <translation>记录：{count} 条尚未送达中心（{time}）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cashier: {name}</source>
        <translation>收银员：{name}</translation>
    </message>
    <message>
        <source>No cashier</source>
        <translation>未登记收银员</translation>
    </message>
    <message>
        <source>Scan a coupon. Enter looks it up; F9 redeems; F10 marks unavailable; Esc clears.</source>
        <translation>请扫描优惠券。回车查询；F9 核销；F10 设为不可用；Esc 清除。</translation>
    </message>
    <message>
        <source>Looking the coupon up… Esc stops waiting.</source>
        <translation>正在查询此券… 按 Esc 停止等待。</translation>
    </message>
    <message>
        <source>A condition is not met: F9 asks a manager to override it; Esc clears.</source>
        <translation>有条件未满足：按 F9 请店长放行；按 Esc 清除。</translation>
    </message>
    <message>
        <source>F9 checks this ticket in; Esc clears.</source>
        <translation>按 F9 为此票检票；按 Esc 清除。</translation>
    </message>
    <message>
        <source>F9 redeems this coupon; Esc clears.</source>
        <translation>按 F9 核销此券；按 Esc 清除。</translation>
    </message>
    <message>
        <source>Esc clears; scan the next coupon.</source>
        <translation>按 Esc 清除；请扫描下一张券。</translation>
    </message>
    <message>
        <source>Redeeming… wait for the answer.</source>
        <translation>正在核销… 请等待应答。</translation>
    </message>
    <message>
        <source>Marking unavailable… wait for the answer.</source>
        <translation>正在设为不可用… 请等待应答。</translation>
    </message>
    <message>
        <source>Confirming with WeChat… wait; the coupon is checked again automatically.</source>
        <translation>正在向微信确认… 请稍候；系统会自动重新查询此券。</translation>
    </message>
    <message>
        <source>Done. Scan the next coupon.</source>
        <translation>完成。请扫描下一张券。</translation>
    </message>
    <message>
        <source>Redeemed here at {time} by {cashier}, terminal {terminal}.</source>
        <translation>已于 {time} 在本店由 {cashier} 核销，收银台 {terminal}。</translation>
    </message>
    <message>
        <source>No cashier: press F2 and enter your name before redeeming.</source>
        <translation>未登记收银员：核销前请按 F2 输入您的姓名。</translation>
    </message>
    <message>
        <source>{count} scan(s) waiting, looked up in order.</source>
        <translation>{count} 个扫码正在排队，将按顺序查询。</translation>
    </message>
    <message>
        <source>Redeemed here at {time} by {cashier}.</source>
        <translation>已于 {time} 在本店由 {cashier} 核销。</translation>
    </message>
    <message>
        <source>Redemption in progress</source>
        <translation>正在核销</translation>
    </message>
    <message>
        <source>Check in (F9)</source>
        <translation>检票 (F9)</translation>
    </message>
    <message>
        <source>A redemption is still being confirmed. Quit anyway? It will be checked at the next start.</source>
        <translation>还有一笔核销正在确认中。仍要退出吗？下次启动时会再次检查。</translation>
    </message>
</context>
<context>
    <name>ManagerGuards</name>
    <message>
        <source>Condition not met</source>
        <translation>条件未满足</translation>
    </message>
    <message>
        <source>This coupon&apos;s conditions are not all met:</source>
        <translation>此券的使用条件未全部满足：</translation>
    </message>
    <message>
        <source>Redeem anyway? At a real counter this needs the manager&apos;s PIN; training asks none.</source>
        <translation>仍要核销吗？在真实收银台这需要店长 PIN；培训模式不询问。</translation>
    </message>
    <message>
        <source>Redeem anyway? Only with the manager&apos;s approval.</source>
        <translation>仍要核销吗？须经店长批准。</translation>
    </message>
    <message>
        <source>Redeem anyway</source>
        <translation>仍然核销</translation>
    </message>
    <message>
        <source>Do not redeem</source>
        <translation>不核销</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>Code {code} is waiting; it is looked up next.</source>
        <translation>券码 {code} 正在排队，接下来查询。</translation>
    </message>
    <message>
        <source>Too many scans are waiting: scan {code} again in a moment.</source>
        <translation>排队的扫码太多：请稍后再扫 {code}。</translation>
    </message>
    <message>
        <source>Same code scanned again: showing the last result.</source>
        <translation>同一券码再次扫描：显示上次的结果。</translation>
    </message>
    <message>
        <source>The camera saw something that is not a coupon; it keeps looking.</source>
        <translation>摄像头看到的不是卡券，将继续识别。</translation>
    </message>
    <message>
        <source>{code} is not a coupon code.</source>
        <translation>{code} 不是卡券券码。</translation>
    </message>
    <message>
        <source>Nothing is redeemed without a cashier: enter your name (F2).</source>
        <translation>未登记收银员不能核销：请输入您的姓名（F2）。</translation>
    </message>
    <message>
        <source>This coupon cannot be redeemed.</source>
        <translation>此券不能核销。</translation>
    </message>
    <message>
        <source>This store may not redeem this coupon (chain rule).</source>
        <translation>本店不能核销此券（连锁规则）。</translation>
    </message>
    <message>
        <source>Redeeming is off while there is no connection to WeChat.</source>
        <translation>与微信的连接中断期间不能核销。</translation>
    </message>
    <message>
        <source>Not approved: nothing was done.</source>
        <translation>未获批准：未做任何操作。</translation>
    </message>
    <message>
        <source>The reason is empty or too long.</source>
        <translation>原因为空或过长。</translation>
    </message>
    <message>
        <source>Wait for WeChat&apos;s answer: a redemption cannot be abandoned halfway.</source>
        <translation>请等待微信的答复：核销不能中途放弃。</translation>
    </message>
    <message>
        <source>The lookup was abandoned; nothing was redeemed. Scan again when ready.</source>
        <translation>已放弃查询，未核销任何券。准备好后请重新扫码。</translation>
    </message>
    <message>
        <source>WeChat says this coupon is used, possibly at another counter. Do not give the discount until the manager has checked.</source>
        <translation>微信显示此券已被使用，可能是在其他收银台。店长核实之前请不要给予优惠。</translation>
    </message>
    <message>
        <source>Done as shown, but this counter&apos;s record could not be written: tell the manager.</source>
        <translation>操作已按显示完成，但本收银台的记录未能写入：请告知店长。</translation>
    </message>
    <message>
        <source>Something went wrong in the app. Scan the coupon again to see its state before giving the discount; tell the manager.</source>
        <translation>程序出错。给予优惠前请重新扫码查看券的状态，并告知店长。</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <source>No connection to the chain&apos;s hub (this counter reaches WeChat through it). Redeeming is off until the connection is back; check the network cable or Wi-Fi. The app keeps trying.</source>
        <translation>无法连接连锁中心（本收银台经由中心连接微信）。连接恢复前暂停核销；请检查网线或 Wi-Fi。软件会持续重试。</translation>
    </message>
    <message>
        <source>No connection to WeChat. Redeeming is off until the connection is back; check the network cable or Wi-Fi. The app keeps trying.</source>
        <translation>无法连接微信。连接恢复前暂停核销；请检查网线或 Wi-Fi。软件会持续重试。</translation>
    </message>
</context>
<context>
    <name>OperationsList</name>
    <message>
        <source>Confirming…</source>
        <translation>正在确认…</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>已检票</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>核销成功</translation>
    </message>
    <message>
        <source>Used, possibly elsewhere: check</source>
        <translation>已使用，可能在别处：请核实</translation>
    </message>
    <message>
        <source>Not redeemed: {verdict}</source>
        <translation>未核销：{verdict}</translation>
    </message>
    <message>
        <source>Not redeemed (error)</source>
        <translation>未核销（出错）</translation>
    </message>
    <message>
        <source>Marked unavailable</source>
        <translation>已设为不可用</translation>
    </message>
    <message>
        <source>Not marked unavailable</source>
        <translation>未设为不可用</translation>
    </message>
    <message>
        <source>Looked up: {verdict}</source>
        <translation>已查询：{verdict}</translation>
    </message>
    <message>
        <source>This session</source>
        <translation>本次操作</translation>
    </message>
</context>
<context>
    <name>PendingView</name>
    <message>
        <source>Unresolved operations</source>
        <translation>未解决的操作</translation>
    </message>
    <message>
        <source>WeChat&apos;s answer to these operations is not known yet. They are checked again at every start and when the connection comes back. Only if WeChat cannot be reached may a manager acknowledge them so the shift can be closed; they stay listed until WeChat answers.</source>
        <translation>这些操作尚不知道微信的应答。每次启动以及网络恢复时都会重新查询。只有在无法连接微信时，店长才可以确认知悉，以便交班；在微信应答之前它们仍会列出。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>收银台</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>券码</translation>
    </message>
    <message>
        <source>Acknowledged by</source>
        <translation>确认人</translation>
    </message>
    <message>
        <source>&amp;Manager:</source>
        <translation>店长(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Acknowledge selected…</source>
        <translation>确认知悉所选操作(&amp;A)…</translation>
    </message>
    <message>
        <source>Check with WeChat &amp;now</source>
        <translation>立即向微信查询(&amp;N)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The journal could not be read: {error}</source>
        <translation>无法读取流水：{error}</translation>
    </message>
    <message>
        <source>Select the operations to acknowledge.</source>
        <translation>请选择要确认知悉的操作。</translation>
    </message>
    <message>
        <source>Enter the manager&apos;s name.</source>
        <translation>请输入店长姓名。</translation>
    </message>
    <message>
        <source>Acknowledged: {count}</source>
        <translation>已确认知悉：{count}</translation>
    </message>
    <message>
        <source>Asking WeChat…</source>
        <translation>正在向微信查询…</translation>
    </message>
    <message>
        <source>Settled: {count}</source>
        <translation>已解决：{count}</translation>
    </message>
    <message>
        <source>WeChat could not be asked: {error}</source>
        <translation>无法向微信查询：{error}</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Manager PIN</source>
        <translation>店长 PIN</translation>
    </message>
    <message>
        <source>A manager must approve redeeming a coupon whose conditions are not met.</source>
        <translation>核销不满足使用条件的优惠券需要店长批准。</translation>
    </message>
    <message>
        <source>A manager must approve changing the settings.</source>
        <translation>修改设置需要店长批准。</translation>
    </message>
    <message>
        <source>A manager must approve marking a coupon unavailable.</source>
        <translation>将优惠券设为不可用需要店长批准。</translation>
    </message>
    <message>
        <source>A manager must acknowledge operations whose outcome is not known yet.</source>
        <translation>结果未知的操作需要店长确认知悉。</translation>
    </message>
    <message>
        <source>This needs a manager&apos;s approval.</source>
        <translation>此操作需要店长批准。</translation>
    </message>
    <message>
        <source>Manager &amp;PIN:</source>
        <translation>店长 PIN(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>By outcome</source>
        <translation>按结果</translation>
    </message>
    <message>
        <source>By coupon</source>
        <translation>按优惠券</translation>
    </message>
    <message>
        <source>By cashier</source>
        <translation>按收银员</translation>
    </message>
    <message>
        <source>By hour</source>
        <translation>按小时</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>操作数</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>已核销</translation>
    </message>
    <message>
        <source>Redeemed value</source>
        <translation>核销金额</translation>
    </message>
    <message>
        <source>Marked unavailable</source>
        <translation>已设为不可用</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>交班报表</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>到(&amp;T)：</translation>
    </message>
    <message>
        <source>Cas&amp;hier:</source>
        <translation>收银员(&amp;H)：</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>导出 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>保存 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>打印(&amp;R)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Unresolved operations…</source>
        <translation>未解决的操作(&amp;U)…</translation>
    </message>
    <message>
        <source>Operations per hour</source>
        <translation>每小时操作数</translation>
    </message>
    <message>
        <source>(unknown coupon)</source>
        <translation>（未知优惠券）</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无姓名）</translation>
    </message>
    <message>
        <source>{since} to {until}</source>
        <translation>{since} 至 {until}</translation>
    </message>
    <message>
        <source>{count} operations; {redeemed} redeemed worth {value}; {invalidated} marked unavailable</source>
        <translation>共 {count} 条操作；核销 {redeemed} 张，金额 {value}；{invalidated} 张设为不可用</translation>
    </message>
    <message>
        <source>Cashier: {name}</source>
        <translation>收银员：{name}</translation>
    </message>
    <message>
        <source>{count} operations are not confirmed yet ({open} not acknowledged by a manager): the shift cannot be closed until they are resolved.</source>
        <translation>有 {count} 条操作尚未确认（其中 {open} 条未经店长确认知悉）：解决之前不能交班。</translation>
    </message>
    <message>
        <source>{count} operations are not confirmed yet; a manager acknowledged them. WeChat is asked again when it answers.</source>
        <translation>{count} 个操作尚未确认；店长已确认知悉。微信答复时会再次核对。</translation>
    </message>
    <message>
        <source>The journal is not available.</source>
        <translation>流水不可用。</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>The journal could not be read: {error}</source>
        <translation>无法读取流水：{error}</translation>
    </message>
    <message>
        <source>Journal: {rows} rows, last row hash {hash}</source>
        <translation>流水：共 {rows} 行，最后一行哈希值 {hash}</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>The file could not be written: {error}</source>
        <translation>无法写入文件：{error}</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <source>Redeemable</source>
        <translation>可核销</translation>
    </message>
    <message>
        <source>Already redeemed</source>
        <translation>已被核销</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Not yet valid</source>
        <translation>未生效</translation>
    </message>
    <message>
        <source>Gifted</source>
        <translation>转赠中</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>Invalid code</source>
        <translation>无效券码</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>会员卡</translation>
    </message>
    <message>
        <source>Unknown card type</source>
        <translation>未知卡券类型</translation>
    </message>
    <message>
        <source>Not at this store</source>
        <translation>本店不可核销</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>This coupon cannot be used again. Do not give the discount.</source>
        <translation>此券已使用过，不能再用。请勿给予优惠。</translation>
    </message>
    <message>
        <source>The coupon&apos;s validity has ended. Do not give the discount.</source>
        <translation>此券已过有效期。请勿给予优惠。</translation>
    </message>
    <message>
        <source>The coupon cannot be used yet. Ask the customer to come back when it is valid.</source>
        <translation>此券尚未生效。请顾客在有效期内再来使用。</translation>
    </message>
    <message>
        <source>The customer gave this coupon to someone else. It cannot be used here.</source>
        <translation>顾客已将此券转赠他人，不能在此使用。</translation>
    </message>
    <message>
        <source>The customer deleted this coupon. It cannot be used.</source>
        <translation>顾客已删除此券，无法使用。</translation>
    </message>
    <message>
        <source>This coupon was marked unavailable. It cannot be used.</source>
        <translation>此券已被设为不可用，无法使用。</translation>
    </message>
    <message>
        <source>This store may not redeem this coupon (chain rule). Do not give the discount; the customer may use it at a store of the chain that accepts it.</source>
        <translation>本店不能核销此券（连锁规则）。不要给优惠；顾客可到接受此券的连锁门店使用。</translation>
    </message>
    <message>
        <source>Met</source>
        <comment>condition mark: the condition is met</comment>
        <translation>满足</translation>
    </message>
    <message>
        <source>Not met</source>
        <comment>condition mark: the condition is not met</comment>
        <translation>不满足</translation>
    </message>
    <message>
        <source>Check</source>
        <comment>condition mark: the cashier must check this condition</comment>
        <translation>需核对</translation>
    </message>
    <message>
        <source>Admit</source>
        <translation>准予入场</translation>
    </message>
    <message>
        <source>Already checked in</source>
        <translation>已检过票</translation>
    </message>
    <message>
        <source>Gift timed out</source>
        <translation>转赠超时</translation>
    </message>
    <message>
        <source>Being gifted</source>
        <translation>转赠中</translation>
    </message>
    <message>
        <source>A gift of this coupon was not accepted in time. It cannot be used now: ask the customer to check the coupon in WeChat.</source>
        <translation>此券的转赠未被及时领取，现在不能使用：请顾客在微信中查看此券。</translation>
    </message>
    <message>
        <source>The customer is giving this coupon to someone else. It cannot be used while the gift is pending.</source>
        <translation>顾客正在把此券转赠给他人，转赠未完成前不能使用。</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>已检票</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>核销成功</translation>
    </message>
    <message>
        <source>Marked unavailable</source>
        <translation>已设为不可用</translation>
    </message>
    <message>
        <source>Used - check first</source>
        <translation>已使用 - 请先核实</translation>
    </message>
    <message>
        <source>Not redeemed</source>
        <translation>未核销</translation>
    </message>
    <message>
        <source>Not marked unavailable</source>
        <translation>未设为不可用</translation>
    </message>
    <message>
        <source>Looking up {code}…</source>
        <translation>正在查询 {code}…</translation>
    </message>
    <message>
        <source>Redeeming…</source>
        <translation>正在核销…</translation>
    </message>
    <message>
        <source>Marking unavailable…</source>
        <translation>正在标记为不可用…</translation>
    </message>
    <message>
        <source>Stopped waiting</source>
        <translation>已停止等待</translation>
    </message>
    <message>
        <source>The lookup was abandoned; nothing was redeemed. Scan again when ready.</source>
        <translation>已放弃查询，未核销任何券。准备好后请重新扫码。</translation>
    </message>
    <message>
        <source>Checked in: {title}</source>
        <translation>已检票：{title}</translation>
    </message>
    <message>
        <source>Redeemed {value}</source>
        <translation>已核销 {value}</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s coupon or type its code.</source>
        <translation>请扫描顾客的优惠券，或输入券码。</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>Please wait. Esc stops waiting.</source>
        <translation>请稍候。按 Esc 停止等待。</translation>
    </message>
    <message>
        <source>Please wait for WeChat&apos;s answer; it cannot be stopped.</source>
        <translation>请等待微信的答复；此操作不能中途停止。</translation>
    </message>
    <message>
        <source>Confirming…</source>
        <translation>正在确认…</translation>
    </message>
    <message>
        <source>The answer from WeChat was lost. Checking the coupon again - do not redeem it another way and do not give or refuse the discount yet.</source>
        <translation>微信的应答丢失了，正在重新查询此券——请勿用其他方式核销，也暂时不要给予或拒绝优惠。</translation>
    </message>
    <message>
        <source>Condition not met</source>
        <translation>条件不满足</translation>
    </message>
    <message>
        <source>Code {code}</source>
        <translation>券码 {code}</translation>
    </message>
    <message>
        <source>Order total (¥):</source>
        <translation>订单金额（¥）：</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可不填</translation>
    </message>
</context>
<context>
    <name>ScanCommands</name>
    <message>
        <source>--seconds must be more than 0</source>
        <translation>--seconds 必须大于 0</translation>
    </message>
    <message>
        <source>--window must be 0 or more</source>
        <translation>--window 必须大于或等于 0</translation>
    </message>
    <message>
        <source>cannot read image: {file}</source>
        <translation>无法读取图片：{file}</translation>
    </message>
    <message>
        <source>cannot read video: {source}</source>
        <translation>无法读取视频：{source}</translation>
    </message>
    <message>
        <source>no code</source>
        <translation>未识别到码</translation>
    </message>
</context>
<context>
    <name>ScanField</name>
    <message>
        <source>Scan or type the coupon code, then Enter</source>
        <translation>扫描或输入券码，然后按回车</translation>
    </message>
    <message>
        <source>Coupon code</source>
        <translation>券码</translation>
    </message>
</context>
<context>
    <name>Scanner</name>
    <message>
        <source>Camera scanning is off: the zbar library is missing. Install it with &apos;sudo apt-get install libzbar0&apos; (Debian/Ubuntu) or &apos;brew install zbar&apos; (macOS); on Windows, reinstall pos-app. Typed and USB-scanner codes still work.</source>
        <translation>摄像头扫码已关闭：缺少 zbar 库。请用 &apos;sudo apt-get install libzbar0&apos;（Debian/Ubuntu）或 &apos;brew install zbar&apos;（macOS）安装；Windows 上请重新安装 pos-app。手动输入和 USB 扫码枪仍可使用。</translation>
    </message>
    <message>
        <source>Camera is off.</source>
        <translation>摄像头已关闭。</translation>
    </message>
    <message>
        <source>Camera {source} is not available (unplugged or used by another program). Retrying…</source>
        <translation>摄像头 {source} 不可用（未连接或被其他程序占用）。正在重试…</translation>
    </message>
    <message>
        <source>Camera {source} is on.</source>
        <translation>摄像头 {source} 已打开。</translation>
    </message>
    <message>
        <source>End of video {source}.</source>
        <translation>视频 {source} 已播放完。</translation>
    </message>
    <message>
        <source>Opening camera {source}…</source>
        <translation>正在打开摄像头 {source}…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Store location ID:</source>
        <translation>门店 ID(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Custom-code card IDs (comma-separated):</source>
        <translation>自定义券码的卡券 ID（用逗号分隔）(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Terminal name:</source>
        <translation>收银台名称(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Sounds:</source>
        <translation>声音：</translation>
    </message>
    <message>
        <source>&amp;API address:</source>
        <translation>&amp;API 地址：</translation>
    </message>
    <message>
        <source>empty: the store is not checked</source>
        <translation>留空：不检查门店</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>静音(&amp;M)</translation>
    </message>
    <message>
        <source>Change manager &amp;PIN…</source>
        <translation>修改店长 PIN(&amp;P)…</translation>
    </message>
    <message>
        <source>Set manager &amp;PIN…</source>
        <translation>设置店长 PIN(&amp;P)…</translation>
    </message>
    <message>
        <source>Replace AppID and AppSecret…</source>
        <translation>更换 AppID 和 AppSecret…</translation>
    </message>
    <message>
        <source>Reading the system keyring…</source>
        <translation>正在读取系统密钥环…</translation>
    </message>
    <message>
        <source>No AppID and AppSecret are stored.</source>
        <translation>尚未保存 AppID 和 AppSecret。</translation>
    </message>
    <message>
        <source>AppID {appid}; the AppSecret is stored in the system keyring (hidden).</source>
        <translation>AppID {appid}；AppSecret 已保存在系统密钥环中（不显示）。</translation>
    </message>
    <message>
        <source>The settings file could not be written.</source>
        <translation>无法写入设置文件。</translation>
    </message>
</context>
<context>
    <name>SettingsFlow</name>
    <message>
        <source>The new settings could not be applied.</source>
        <translation>新设置未能生效。</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>The test failed unexpectedly: {error}</source>
        <translation>测试意外失败：{error}</translation>
    </message>
    <message>
        <source>WeChat saw this counter as IP address {ip}.</source>
        <translation>微信看到的本收银台 IP 地址是 {ip}。</translation>
    </message>
    <message>
        <source>(error {errcode})</source>
        <translation>（错误码 {errcode}）</translation>
    </message>
    <message>
        <source>Set up pos-app</source>
        <translation>设置 pos-app</translation>
    </message>
    <message>
        <source>Enter the AppID and AppSecret of the merchant&apos;s WeChat Official Account. The AppSecret is kept in the system keyring and never shown again. Without them you can practise in training mode.</source>
        <translation>请输入商户微信公众号的 AppID 和 AppSecret。AppSecret 保存在系统密钥环中，之后不会再显示。没有它们也可以在培训模式下练习。</translation>
    </message>
    <message>
        <source>&amp;AppID:</source>
        <translation>AppID(&amp;A)：</translation>
    </message>
    <message>
        <source>App&amp;Secret:</source>
        <translation>AppSecret(&amp;S)：</translation>
    </message>
    <message>
        <source>API &amp;address:</source>
        <translation>API 地址(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>保存(&amp;V)</translation>
    </message>
    <message>
        <source>Start t&amp;raining mode</source>
        <translation>进入培训模式(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Testing the connection to WeChat…</source>
        <translation>正在测试与微信的连接…</translation>
    </message>
    <message>
        <source>Connection works: WeChat accepted the AppID and AppSecret.</source>
        <translation>连接正常：微信已接受此 AppID 和 AppSecret。</translation>
    </message>
    <message>
        <source>The settings file could not be written.</source>
        <translation>无法写入设置文件。</translation>
    </message>
</context>
<context>
    <name>ShiftFlow</name>
    <message>
        <source>Shift start</source>
        <translation>开始当班</translation>
    </message>
    <message>
        <source>Cashier name:</source>
        <translation>收银员姓名：</translation>
    </message>
    <message>
        <source>The shift cannot be closed yet</source>
        <translation>暂时无法交班</translation>
    </message>
    <message>
        <source>{count} operation(s) have no confirmed outcome yet. WeChat is asked again when the connection is back; a manager may acknowledge them to close the shift now.</source>
        <translation>有 {count} 笔操作的结果尚未确认。网络恢复后会再次向微信查询；店长确认后可立即交班。</translation>
    </message>
    <message>
        <source>Show them</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>暂不</translation>
    </message>
</context>
<context>
    <name>StatsDialog</name>
    <message>
        <source>Coupon statistics from WeChat</source>
        <translation>微信卡券统计</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>到(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>卡券</translation>
    </message>
    <message>
        <source>Issued to customers</source>
        <translation>领取数</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>核销数</translation>
    </message>
    <message>
        <source>Gifted to friends</source>
        <translation>转赠数</translation>
    </message>
    <message>
        <source>Asking WeChat…</source>
        <translation>正在向微信查询…</translation>
    </message>
    <message>
        <source>WeChat did not give the statistics: {error}</source>
        <translation>微信未返回统计数据：{error}</translation>
    </message>
    <message>
        <source>All coupons</source>
        <translation>全部卡券</translation>
    </message>
    <message>
        <source>{begin} to {end}, as WeChat counts them (Beijing time).</source>
        <translation>{begin} 至 {end}，按微信统计（北京时间）。</translation>
    </message>
    <message>
        <source>WeChat has no coupon activity for these days.</source>
        <translation>这几天在微信上没有卡券领取或核销。</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>TRAINING — nothing is redeemed for real</source>
        <translation>培训模式——不会真正核销任何券</translation>
    </message>
</context>
<context>
    <name>chain</name>
    <message>
        <source>Already redeemed at {store}, {counter}, {cashier}, {when}.</source>
        <translation>已在{store}（{counter}）核销，{cashier}，{when}。</translation>
    </message>
    <message>
        <source>Already used at {store}, {counter}, {cashier}, {when}.</source>
        <translation>已在{store}（{counter}）使用，{cashier}，{when}。</translation>
    </message>
    <message>
        <source>Made unavailable at {store}, {counter}, {cashier}, {when}.</source>
        <translation>已在{store}（{counter}）设为不可用，{cashier}，{when}。</translation>
    </message>
    <message>
        <source>a store the hub does not name</source>
        <translation>未知门店</translation>
    </message>
    <message>
        <source>by {cashier}</source>
        <translation>收银员 {cashier}</translation>
    </message>
    <message>
        <source>cashier not known yet</source>
        <translation>收银员暂未知</translation>
    </message>
    <message>
        <source>counter not known</source>
        <translation>收银台未知</translation>
    </message>
    <message>
        <source>counter {name}</source>
        <translation>收银台 {name}</translation>
    </message>
    <message>
        <source>time not known</source>
        <translation>时间未知</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Already redeemed</source>
        <translation>已被核销</translation>
    </message>
    <message>
        <source>AppID: {appid}</source>
        <translation>AppID：{appid}</translation>
    </message>
    <message>
        <source>AppSecret: stored (hidden)</source>
        <translation>AppSecret：已保存（不显示）</translation>
    </message>
    <message>
        <source>CONSUMED — POSSIBLY AT ANOTHER COUNTER</source>
        <translation>已核销——可能是在其他收银台</translation>
    </message>
    <message>
        <source>Cannot start the simulator: {error}</source>
        <translation>无法启动模拟器：{error}</translation>
    </message>
    <message>
        <source>Cannot use {path}: {error}. Check the data folder (POS_APP_DATA_DIR) and its permissions.</source>
        <translation>无法使用 {path}：{error}。请检查数据文件夹（POS_APP_DATA_DIR）及其权限。</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>连锁记录</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>券码</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Credentials removed from the keyring.</source>
        <translation>已从系统密钥环中删除凭据。</translation>
    </message>
    <message>
        <source>Credentials saved in the system keyring ({backend}).</source>
        <translation>凭据已保存到系统密钥环（{backend}）。</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Gifted</source>
        <translation>转赠中</translation>
    </message>
    <message>
        <source>Give --appid and --secret-stdin (the secret is read from standard input).</source>
        <translation>请提供 --appid 和 --secret-stdin（密钥从标准输入读取）。</translation>
    </message>
    <message>
        <source>Give the value to set.</source>
        <translation>请提供要设置的值。</translation>
    </message>
    <message>
        <source>Internal error: {error}. Please report this problem.</source>
        <translation>内部错误：{error}。请报告此问题。</translation>
    </message>
    <message>
        <source>Invalid code</source>
        <translation>无效券码</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>流水</translation>
    </message>
    <message>
        <source>Keyring: {backend}</source>
        <translation>密钥环：{backend}</translation>
    </message>
    <message>
        <source>MADE UNAVAILABLE</source>
        <translation>已设为不可用</translation>
    </message>
    <message>
        <source>Made unavailable — but the record could not be written: {error}. It is recorded at the next start.</source>
        <translation>已设为失效——但记录未能写入：{error}。下次启动时会补记。</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>会员卡</translation>
    </message>
    <message>
        <source>NOT CONFIRMED YET</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <source>NOT MADE UNAVAILABLE</source>
        <translation>未设为失效</translation>
    </message>
    <message>
        <source>NOT REDEEMED</source>
        <translation>未核销</translation>
    </message>
    <message>
        <source>Name a setting: {keys}</source>
        <translation>请指定设置项：{keys}</translation>
    </message>
    <message>
        <source>No credentials are stored.</source>
        <translation>未保存任何凭据。</translation>
    </message>
    <message>
        <source>Not at this store</source>
        <translation>本店不可核销</translation>
    </message>
    <message>
        <source>Not yet valid</source>
        <translation>未生效</translation>
    </message>
    <message>
        <source>REDEEMED</source>
        <translation>核销成功</translation>
    </message>
    <message>
        <source>Redeemable</source>
        <translation>可核销</translation>
    </message>
    <message>
        <source>Redeemed here at {time} by {cashier}, terminal {terminal}</source>
        <translation>已于 {time} 在本店由 {cashier} 核销，收银台 {terminal}</translation>
    </message>
    <message>
        <source>Redeemed — but the record could not be written: {error}. It is recorded at the next start.</source>
        <translation>已核销——但记录未能写入：{error}。下次启动时会补记。</translation>
    </message>
    <message>
        <source>Settled an earlier operation: {what}</source>
        <translation>已确认之前的一笔操作：{what}</translation>
    </message>
    <message>
        <source>The AppID and the AppSecret must not be empty.</source>
        <translation>AppID 和 AppSecret 不能为空。</translation>
    </message>
    <message>
        <source>The answer from WeChat was lost: checking the coupon again (at most {seconds} s)…</source>
        <translation>微信的应答丢失了：正在重新查询此券（最多 {seconds} 秒）…</translation>
    </message>
    <message>
        <source>The record of this answer could not be written: {error}.</source>
        <translation>此应答的记录未能写入：{error}。</translation>
    </message>
    <message>
        <source>Training starts afresh: removed {files}.</source>
        <translation>培训已重新开始：已删除 {files}。</translation>
    </message>
    <message>
        <source>Training was already fresh: nothing to remove.</source>
        <translation>培训数据本来就是新的：无需删除。</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>Unknown card type</source>
        <translation>未知卡券类型</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>reset only applies to training: pos-app --demo reset</source>
        <translation>reset 仅用于培训模式：pos-app --demo reset</translation>
    </message>
</context>
<context>
    <name>gui_entry</name>
    <message>
        <source>No display: the window needs a desktop (X11 or Wayland). Over SSH or in a container use the commands (pos-app --help), or check the installation with pos-app --self-test.</source>
        <translation>没有显示器：窗口需要桌面环境（X11 或 Wayland）。通过 SSH 或在容器中请使用命令（pos-app --help），或用 pos-app --self-test 检查安装。</translation>
    </message>
    <message>
        <source>Unexpected problem</source>
        <translation>意外问题</translation>
    </message>
    <message>
        <source>Something went wrong in the app. Your last operation is in the journal. If it happens again, tell the manager.</source>
        <translation>软件出了点问题。您的上一笔操作已记录在流水中。如果再次发生，请告知店长。</translation>
    </message>
</context>
<context>
    <name>hub</name>
    <message>
        <source>Alert: counter {terminal} of store {store} is locked out since {at}: its journal went backwards or was replaced ({reason}); the hub keeps the {rows} rows it received.</source>
        <translation>警报：门店 {store} 的收银台 {terminal} 自 {at} 起被锁定：其日志倒退或被替换（{reason}）；中控保留已收到的 {rows} 行。</translation>
    </message>
    <message>
        <source>Connected to the hub as terminal {terminal} of store {store}. The credential is in the keyring.</source>
        <translation>已作为门店 {store} 的终端 {terminal} 连接到总部服务。凭据已存入密钥环。</translation>
    </message>
    <message>
        <source>Demo hub (private PostgreSQL, simulated WeChat) at {url}</source>
        <translation>演示总部服务（独立 PostgreSQL、模拟微信）：{url}</translation>
    </message>
    <message>
        <source>Enrolment code for terminal {terminal} of store {store}: {code}</source>
        <translation>门店 {store} 终端 {terminal} 的注册码：{code}</translation>
    </message>
    <message>
        <source>Hub serving at {url} (Ctrl+C stops it)</source>
        <translation>总部服务运行于 {url}（按 Ctrl+C 停止）</translation>
    </message>
    <message>
        <source>Journal shipped: the hub holds rows 1 to {acked} of {total}.</source>
        <translation>日志已上传：总部已收到第 1 至 {acked} 行（共 {total} 行）。</translation>
    </message>
    <message>
        <source>No database: pass --database postgresql://… or set POS_APP_HUB_DATABASE.</source>
        <translation>未指定数据库：请使用 --database postgresql://… 或设置 POS_APP_HUB_DATABASE。</translation>
    </message>
    <message>
        <source>Store {store} may redeem: {cards}</source>
        <translation>门店 {store} 可核销：{cards}</translation>
    </message>
    <message>
        <source>Terminal {terminal} is locked out.</source>
        <translation>终端 {terminal} 已被停用。</translation>
    </message>
    <message>
        <source>Terminal {terminal} of store {store}: enrolment code {code} (valid 24 hours, once). On the counter run:</source>
        <translation>门店 {store} 终端 {terminal}：注册码 {code}（24 小时内有效，仅可使用一次）。请在收银台运行：</translation>
    </message>
    <message>
        <source>The demo needs PostgreSQL&apos;s server binaries (Debian: apt install postgresql).</source>
        <translation>演示需要 PostgreSQL 服务器程序（Debian：apt install postgresql）。</translation>
    </message>
    <message>
        <source>The hub cannot be reached: {error}</source>
        <translation>无法连接总部服务：{error}</translation>
    </message>
    <message>
        <source>The hub refused the enrolment code: {error}</source>
        <translation>总部服务拒绝了该注册码：{error}</translation>
    </message>
    <message>
        <source>The hub refused the journal upload: {error}</source>
        <translation>中控拒绝了日志上传：{error}</translation>
    </message>
    <message>
        <source>The hub refuses this address for {minutes} min: too many failed attempts (wrong codes or credentials). Try again then; if this counter did not make them, tell head office.</source>
        <translation>中控在 {minutes} 分钟内拒绝来自此地址的请求：失败尝试过多（错误的接入码或凭据）。请届时再试；如果不是本收银台造成的，请告知总部。</translation>
    </message>
    <message>
        <source>The hub&apos;s AppID and AppSecret are stored in this server&apos;s keyring.</source>
        <translation>总部服务的 AppID 和 AppSecret 已存入本服务器的密钥环。</translation>
    </message>
    <message>
        <source>The hub&apos;s database cannot be reached: {error}</source>
        <translation>无法连接总部服务的数据库：{error}</translation>
    </message>
    <message>
        <source>There is no terminal named {terminal}.</source>
        <translation>没有名为 {terminal} 的终端。</translation>
    </message>
    <message>
        <source>This counter is not connected to a hub. Run `pos-app connect HUB_URL --code CODE`.</source>
        <translation>本收银台尚未连接总部服务。请运行 `pos-app connect HUB_URL --code CODE`。</translation>
    </message>
    <message>
        <source>every card</source>
        <translation>所有卡券</translation>
    </message>
    <message>
        <source>made unavailable at {store}, counter {terminal}, by {cashier}, {time}</source>
        <translation>已于 {time} 在 {store} {terminal} 号收银台由 {cashier} 设为失效</translation>
    </message>
    <message>
        <source>made unavailable at {store}, counter {terminal}, {time}</source>
        <translation>已于 {time} 在 {store} {terminal} 号收银台设为失效</translation>
    </message>
    <message>
        <source>not a date (YYYY-MM-DD): {value}</source>
        <translation>不是日期（YYYY-MM-DD）：{value}</translation>
    </message>
    <message>
        <source>redeemed at {store}, counter {terminal}, by {cashier}, {time}</source>
        <translation>已于 {time} 在 {store} {terminal} 号收银台由 {cashier} 核销</translation>
    </message>
    <message>
        <source>redeemed at {store}, counter {terminal}, {time}</source>
        <translation>已于 {time} 在 {store} {terminal} 号收银台核销</translation>
    </message>
    <message>
        <source>store {store}: {count} redemptions, {value}</source>
        <translation>门店 {store}：核销 {count} 张，{value}</translation>
    </message>
    <message>
        <source>{count} redemptions, face value {value}, {since} to {until} ({tz})</source>
        <translation>核销 {count} 张，面值合计 {value}，{since} 至 {until}（{tz}）</translation>
    </message>
</context>
<context>
    <name>hub_web</name>
    <message>
        <source>(no name)</source>
        <translation>（未填姓名）</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <source>By cashier</source>
        <translation>按收银员</translation>
    </message>
    <message>
        <source>By counter</source>
        <translation>按收银台</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>按日期</translation>
    </message>
    <message>
        <source>By store</source>
        <translation>按门店</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>券码</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>收银台</translation>
    </message>
    <message>
        <source>Counters whose journal went backwards or was replaced</source>
        <translation>日志倒退或被替换的收银台</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>卡券</translation>
    </message>
    <message>
        <source>Dates are written YYYY-MM-DD, and From comes before To.</source>
        <translation>日期格式为 YYYY-MM-DD，且开始日期不能晚于结束日期。</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Days in time zone {tz}</source>
        <translation>日期按时区 {tz} 计算</translation>
    </message>
    <message>
        <source>Each counter is locked out. The hub keeps every row it received; enrolling the counter again after checking it keeps them under NAME~date and lets the counter ship its journal afresh.</source>
        <translation>这些收银台已被锁定。中控保留收到的每一行日志；核查后重新登记该收银台，这些行会保存在“名称~日期”下，收银台重新上传其日志。</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>Face value</source>
        <translation>面值</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Head office</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Known from</source>
        <translation>信息来源</translation>
    </message>
    <message>
        <source>No counter of the chain has seen this code.</source>
        <translation>连锁内没有任何收银台处理过此券码。</translation>
    </message>
    <message>
        <source>No redemptions in this period.</source>
        <translation>此期间没有核销记录。</translation>
    </message>
    <message>
        <source>Not redeemed anywhere in the chain.</source>
        <translation>连锁内尚未在任何门店核销。</translation>
    </message>
    <message>
        <source>Nothing is unresolved.</source>
        <translation>没有待确认的操作。</translation>
    </message>
    <message>
        <source>Operations whose outcome is not known yet</source>
        <translation>结果尚未确认的操作</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Redemptions</source>
        <translation>核销</translation>
    </message>
    <message>
        <source>Redemptions per day</source>
        <translation>每日核销数量</translation>
    </message>
    <message>
        <source>Rows on the hub</source>
        <translation>中控保存的行数</translation>
    </message>
    <message>
        <source>Search a code</source>
        <translation>查询券码</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>The hub&apos;s database cannot be reached. Try again in a moment.</source>
        <translation>无法连接总部数据库，请稍后再试。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Unresolved</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <source>another journal presents itself as this counter: cloned or replaced</source>
        <translation>另一份日志冒充此收银台：被克隆或被替换</translation>
    </message>
    <message>
        <source>consumed, possibly at another counter</source>
        <translation>已核销（可能在其他收银台）</translation>
    </message>
    <message>
        <source>counter&apos;s journal</source>
        <translation>收银台日志</translation>
    </message>
    <message>
        <source>hub (answer from WeChat lost)</source>
        <translation>总部服务（微信应答丢失）</translation>
    </message>
    <message>
        <source>its journal holds other rows than before (row {seen} differs): restored or copied</source>
        <translation>其日志与之前不同（第 {seen} 行不一致）：被恢复或复制</translation>
    </message>
    <message>
        <source>its journal went back: it ends at row {counter}, but it had reached row {seen}</source>
        <translation>其日志倒退了：现在止于第 {counter} 行，但之前已到第 {seen} 行</translation>
    </message>
    <message>
        <source>lookup</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>made unavailable</source>
        <translation>已设为失效</translation>
    </message>
    <message>
        <source>make unavailable</source>
        <translation>设为失效</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>not redeemable</source>
        <translation>不可核销</translation>
    </message>
    <message>
        <source>redeem</source>
        <translation>核销</translation>
    </message>
    <message>
        <source>redeemable</source>
        <translation>可核销</translation>
    </message>
    <message>
        <source>redeemed</source>
        <translation>已核销</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>sent, answer awaited</source>
        <translation>已发出，等待应答</translation>
    </message>
    <message>
        <source>unknown yet</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <source>{count} counter(s) locked out: their journal went backwards or was replaced. See Unresolved.</source>
        <translation>{count} 台收银台已被锁定：其日志倒退或被替换。请查看“待确认”。</translation>
    </message>
    <message>
        <source>{count} redemptions worth {value} from {since} to {until}</source>
        <translation>{since} 至 {until} 共核销 {count} 张，面值合计 {value}</translation>
    </message>
</context>
<context>
    <name>journal</name>
    <message>
        <source>--since is after --until</source>
        <translation>--since 晚于 --until</translation>
    </message>
    <message>
        <source>Acknowledged by {manager}. The operation stays listed until it is resolved.</source>
        <translation>已由 {manager} 确认知悉。该操作在解决之前仍会列出。</translation>
    </message>
    <message>
        <source>By cashier</source>
        <translation>按收银员</translation>
    </message>
    <message>
        <source>By coupon</source>
        <translation>按优惠券</translation>
    </message>
    <message>
        <source>By hour</source>
        <translation>按小时</translation>
    </message>
    <message>
        <source>By outcome</source>
        <translation>按结果</translation>
    </message>
    <message>
        <source>Cashier: {cashier}</source>
        <translation>收银员：{cashier}</translation>
    </message>
    <message>
        <source>Journal intact: {rows} rows. Last row hash: {head}</source>
        <translation>流水完整：共 {rows} 行。最后一行的哈希值：{head}</translation>
    </message>
    <message>
        <source>Journal: {rows} rows, last row hash {head}</source>
        <translation>流水：共 {rows} 行，最后一行哈希值 {head}</translation>
    </message>
    <message>
        <source>Making {code} ({title}) unavailable at {time} did NOT go through: it was not made unavailable.</source>
        <translation>{time} 将 {code}（{title}）设为不可用的操作没有成功：此券没有被设为不可用。</translation>
    </message>
    <message>
        <source>Making {code} ({title}) unavailable at {time} went through: it IS unavailable.</source>
        <translation>{time} 将 {code}（{title}）设为不可用的操作已成功：此券现在不可用。</translation>
    </message>
    <message>
        <source>No unresolved operations.</source>
        <translation>没有未解决的操作。</translation>
    </message>
    <message>
        <source>Shift report {since} – {until}</source>
        <translation>交班报表 {since} – {until}</translation>
    </message>
    <message>
        <source>That operation is already resolved; nothing to acknowledge.</source>
        <translation>该操作已经解决，无需确认。</translation>
    </message>
    <message>
        <source>The journal cannot be read: {error}</source>
        <translation>无法读取流水：{error}</translation>
    </message>
    <message>
        <source>The journal has been tampered with or damaged:</source>
        <translation>流水已被篡改或损坏：</translation>
    </message>
    <message>
        <source>The redemption of {code} ({title}) at {time} did NOT go through: the coupon was not redeemed.</source>
        <translation>{time} 对 {code}（{title}）的核销没有成功：此券没有被核销。</translation>
    </message>
    <message>
        <source>The redemption of {code} ({title}) at {time} went through: the coupon IS redeemed.</source>
        <translation>{time} 对 {code}（{title}）的核销已成功：此券已核销。</translation>
    </message>
    <message>
        <source>There is no operation with that attempt id.</source>
        <translation>没有这个尝试 ID 对应的操作。</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Unresolved operations (the service&apos;s answer is not known yet):</source>
        <translation>未解决的操作（尚不知道微信的应答）：</translation>
    </message>
    <message>
        <source>Unresolved operations: {unresolved} ({unacknowledged} not acknowledged by a manager)</source>
        <translation>未解决的操作：{unresolved} 笔（其中 {unacknowledged} 笔未经店长确认）</translation>
    </message>
    <message>
        <source>Warning: the journal has been tampered with or replaced:</source>
        <translation>警告：记录日志已被篡改或替换：</translation>
    </message>
    <message>
        <source>WeChat says the coupon is now: {status}.</source>
        <translation>微信显示此券当前状态：{status}。</translation>
    </message>
    <message>
        <source>acknowledged by {manager}</source>
        <translation>已由 {manager} 确认知悉</translation>
    </message>
    <message>
        <source>count  redeemed  redeemed value  face value</source>
        <translation>笔数  已核销  核销金额  面值</translation>
    </message>
    <message>
        <source>date out of range (2000-01-01 to 2999-12-31): {value}</source>
        <translation>日期超出范围（2000-01-01 至 2999-12-31）：{value}</translation>
    </message>
    <message>
        <source>not a date (YYYY-MM-DD): {value}</source>
        <translation>不是日期（YYYY-MM-DD）：{value}</translation>
    </message>
    <message>
        <source>row {anchored} is missing or is not the row written before (recorded outside the journal): the file was replaced or rewritten</source>
        <translation>第 {anchored} 行缺失，或不是之前写入的那一行（记录在日志之外）：文件已被替换或重写</translation>
    </message>
    <message>
        <source>row {id} does not follow the row before it: rows were removed, inserted or reordered</source>
        <translation>第 {id} 行与前一行不衔接：有记录被删除、插入或调换了顺序</translation>
    </message>
    <message>
        <source>row {id} is unresolved but the journal&apos;s index of settled rows hides it</source>
        <translation>第 {id} 行尚未解决，但流水中已解决记录的索引把它隐藏了</translation>
    </message>
    <message>
        <source>row {id} was changed after it was written (its content does not match its hash)</source>
        <translation>第 {id} 行在写入后被修改过（内容与哈希值不符）</translation>
    </message>
    <message>
        <source>row {missing} is missing: rows before row {id} were removed</source>
        <translation>缺少第 {missing} 行：第 {id} 行之前的记录被删除了</translation>
    </message>
    <message>
        <source>rows after row {id} were removed (the journal had {seq} rows)</source>
        <translation>第 {id} 行之后的记录被删除了（流水原有 {seq} 行）</translation>
    </message>
    <message>
        <source>the append-only protection of the journal was removed</source>
        <translation>流水的只追加保护被移除了</translation>
    </message>
    <message>
        <source>the journal ends at row {rows}, but row {anchored} was written before (recorded outside the journal): rows were removed, or the file was emptied, deleted or replaced</source>
        <translation>日志止于第 {rows} 行，但之前已写入第 {anchored} 行（记录在日志之外）：有行被删除，或文件被清空、删除或替换</translation>
    </message>
    <message>
        <source>{amount} off</source>
        <translation>减{amount}</translation>
    </message>
    <message>
        <source>{amount} off orders of {minimum}</source>
        <translation>满{minimum}减{amount}</translation>
    </message>
    <message>
        <source>{code} ({title}) at {time}: the coupon is consumed — possibly at another counter. Do not give the discount until a manager has checked which operation redeemed it.</source>
        <translation>{code}（{title}）于 {time}：该券已核销——可能是在其他收银台核销的。在店长核实是哪一次操作核销之前，不要给予优惠。</translation>
    </message>
    <message>
        <source>{count} earlier operation(s) are not settled yet: a request may still reach WeChat until {time}. They are checked again later.</source>
        <translation>{count} 笔之前的操作尚未确定结果：在 {time} 之前请求仍可能到达微信。稍后会再次核对。</translation>
    </message>
    <message>
        <source>{count} earlier operation(s) could not be settled: WeChat did not answer. Do not redeem those coupons another way; they are checked again at the next start or command.</source>
        <translation>{count} 笔之前的操作无法确定结果：微信没有应答。请勿用其他方式核销这些券；下次启动或执行命令时会再次核对。</translation>
    </message>
    <message>
        <source>{count} operations written to {path}</source>
        <translation>已将 {count} 条操作写入 {path}</translation>
    </message>
    <message>
        <source>{count} unresolved operation(s) could not be checked with WeChat ({reason}): they are shown as not confirmed yet.</source>
        <translation>{count} 笔未确定的操作无法向微信核对（{reason}）：显示为尚未确认。</translation>
    </message>
    <message>
        <source>{count} unresolved operation(s) could not be checked with WeChat within {seconds} s: they are shown as not confirmed yet.</source>
        <translation>{count} 笔未确定的操作未能在 {seconds} 秒内向微信核对：显示为尚未确认。</translation>
    </message>
    <message>
        <source>{percent}% off</source>
        <translation>{percent}% 折扣</translation>
    </message>
    <message>
        <source>{percent}% off orders of {minimum}</source>
        <translation>满{minimum}享 {percent}% 折扣</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>A reason is required.</source>
        <translation>必须填写原因。</translation>
    </message>
    <message>
        <source>Admit: this ticket is valid.</source>
        <translation>可入场：此票有效。</translation>
    </message>
    <message>
        <source>An earlier operation on this coupon is not settled yet: its request may still reach WeChat. Nothing was sent now. Try again in a minute (pos-app journal pending shows it).</source>
        <translation>此券之前的一次操作尚未确定结果：其请求仍可能到达微信。本次未发送任何请求。请一分钟后重试（pos-app journal pending 可查看该操作）。</translation>
    </message>
    <message>
        <source>Cannot use {path}: {error}.</source>
        <translation>无法使用 {path}：{error}。</translation>
    </message>
    <message>
        <source>Checked in.</source>
        <translation>已检票。</translation>
    </message>
    <message>
        <source>Confirming with WeChat… The answer was lost; the coupon&apos;s state is being checked again.</source>
        <translation>正在向微信确认… 应答丢失，正在重新查询此券的状态。</translation>
    </message>
    <message>
        <source>Consumed — possibly at another counter: do not give the discount until checked. Another operation on this coupon is not settled; a manager must check which one redeemed it.</source>
        <translation>已核销——可能是在其他收银台核销的：核实之前不要给予优惠。此券的另一次操作尚未确定结果；须由店长核实是哪一次操作核销了它。</translation>
    </message>
    <message>
        <source>Internal error: {error}. Please report this problem.</source>
        <translation>内部错误：{error}。请报告此问题。</translation>
    </message>
    <message>
        <source>Look the coupon up first.</source>
        <translation>请先查询此券。</translation>
    </message>
    <message>
        <source>Member card: shown for information only. Member cards are never redeemed here.</source>
        <translation>会员卡：仅供查看。会员卡不在此核销。</translation>
    </message>
    <message>
        <source>No WeChat credentials are set up. Run `pos-app credentials set --appid ID --secret-stdin`, or use training mode (--demo).</source>
        <translation>尚未设置微信凭据。请运行 `pos-app credentials set --appid ID --secret-stdin`，或使用培训模式（--demo）。</translation>
    </message>
    <message>
        <source>No code was entered. Scan or type the coupon code.</source>
        <translation>未输入券码。请扫描或输入券码。</translation>
    </message>
    <message>
        <source>No connection to WeChat. Check the network; nothing was changed.</source>
        <translation>无法连接微信。请检查网络；没有做任何更改。</translation>
    </message>
    <message>
        <source>No connection to WeChat. Check the network; nothing was redeemed.</source>
        <translation>无法连接微信。请检查网络；没有核销任何券。</translation>
    </message>
    <message>
        <source>No password store (keyring) is available on this computer, so the AppSecret cannot be kept safely. On Linux install and unlock a Secret Service (GNOME Keyring or KWallet); on Windows and macOS the system store is used automatically.</source>
        <translation>这台电脑没有可用的密码库（keyring），无法安全保存 AppSecret。Linux 上请安装并解锁 Secret Service（GNOME Keyring 或 KWallet）；Windows 和 macOS 会自动使用系统密码库。</translation>
    </message>
    <message>
        <source>Not a valid code for this merchant. Check the code and scan again.</source>
        <translation>不是本商户的有效券码。请核对券码后重新扫描。</translation>
    </message>
    <message>
        <source>Redeemed.</source>
        <translation>核销成功。</translation>
    </message>
    <message>
        <source>That coupon link is damaged: scan the coupon again.</source>
        <translation>该卡券链接已损坏：请重新扫描卡券。</translation>
    </message>
    <message>
        <source>That is not a card ID: card IDs have at most 32 letters, digits, _ or -.</source>
        <translation>这不是卡券 ID：卡券 ID 最多 32 个字母、数字、_ 或 -。</translation>
    </message>
    <message>
        <source>That is not a coupon code of this merchant: it matches none of the configured code patterns.</source>
        <translation>这不是本商户的券码：与已配置的券码格式都不匹配。</translation>
    </message>
    <message>
        <source>That is not a coupon code: codes have at most 20 characters.</source>
        <translation>这不是券码：券码最多 20 个字符。</translation>
    </message>
    <message>
        <source>That is not a coupon code: it contains characters a code cannot have.</source>
        <translation>这不是券码：其中含有券码不可能有的字符。</translation>
    </message>
    <message>
        <source>That value is not valid for this setting.</source>
        <translation>该值不适用于此设置项。</translation>
    </message>
    <message>
        <source>The AppID must be 1 to 64 letters, digits, _ or - (it starts with wx).</source>
        <translation>AppID 必须是 1 到 64 个字母、数字、_ 或 -（以 wx 开头）。</translation>
    </message>
    <message>
        <source>The AppSecret must be 1 to 256 printable characters of valid UTF-8 text, without spaces.</source>
        <translation>AppSecret 必须是 1 到 256 个可打印字符的有效 UTF-8 文本，且不含空格。</translation>
    </message>
    <message>
        <source>The PIN must be 4 to 8 digits.</source>
        <translation>PIN 必须是 4 到 8 位数字。</translation>
    </message>
    <message>
        <source>The WeChat address must start with https:// — plain http is allowed only to this computer (127.0.0.0/8, ::1, localhost). Fix the api_base setting or POS_APP_API_BASE.</source>
        <translation>微信接口地址必须以 https:// 开头——只有本机地址（127.0.0.0/8、::1、localhost）才允许使用明文 http。请修改 api_base 设置或 POS_APP_API_BASE。</translation>
    </message>
    <message>
        <source>The answer from WeChat was lost, and the coupon is still unused: it was NOT redeemed. You may try again.</source>
        <translation>微信的应答丢失了，此券仍未使用：没有核销成功。可以再试一次。</translation>
    </message>
    <message>
        <source>The answer from WeChat was lost, and the coupon is still usable: it was NOT made unavailable.</source>
        <translation>微信的应答丢失了，此券仍可使用：没有被设为不可用。</translation>
    </message>
    <message>
        <source>The answer from WeChat was lost. The coupon&apos;s state will be checked again before anything else.</source>
        <translation>微信的应答丢失了。在进行其他操作之前，会先重新查询此券的状态。</translation>
    </message>
    <message>
        <source>The answer from WeChat was lost; another operation redeemed this coupon: this one did NOT go through.</source>
        <translation>微信的应答丢失了；此券已被另一次操作核销：本次操作没有成功。</translation>
    </message>
    <message>
        <source>The answer from WeChat was lost; this operation did NOT go through.</source>
        <translation>微信的答复丢失了；此操作没有生效。</translation>
    </message>
    <message>
        <source>The app sent a malformed request. Please report this problem.</source>
        <translation>本软件发送了格式错误的请求。请报告此问题。</translation>
    </message>
    <message>
        <source>The connection to WeChat needs to be renewed. Try again.</source>
        <translation>与微信的连接需要更新。请重试。</translation>
    </message>
    <message>
        <source>The coupon is now unavailable.</source>
        <translation>此券现已不可用。</translation>
    </message>
    <message>
        <source>The coupon link could not be decrypted. Ask the customer to open the coupon again.</source>
        <translation>无法解密优惠券链接。请顾客重新打开此券。</translation>
    </message>
    <message>
        <source>The coupon&apos;s card ID is not valid for this merchant.</source>
        <translation>此券的卡券 ID 不属于本商户。</translation>
    </message>
    <message>
        <source>The customer has deleted this coupon.</source>
        <translation>顾客已删除此券。</translation>
    </message>
    <message>
        <source>The daily limit of WeChat requests is used up. Tell the manager.</source>
        <translation>今天的微信接口调用次数已用完。请告知店长。</translation>
    </message>
    <message>
        <source>The data folder cannot be written (read-only or no permission): {path}. Check POS_APP_DATA_DIR and its permissions.</source>
        <translation>数据文件夹无法写入（只读或没有权限）：{path}。请检查 POS_APP_DATA_DIR 及其权限。</translation>
    </message>
    <message>
        <source>The disk is full (or the file size limit is reached): {path} cannot be written. Free space, then try again.</source>
        <translation>磁盘已满（或已达到文件大小上限）：无法写入 {path}。请释放空间后重试。</translation>
    </message>
    <message>
        <source>The disk refused to write {path} (disk error). Check the disk, then try again.</source>
        <translation>磁盘拒绝写入 {path}（磁盘错误）。请检查磁盘后重试。</translation>
    </message>
    <message>
        <source>The holder has deleted this ticket.</source>
        <translation>持票人已删除此票。</translation>
    </message>
    <message>
        <source>The hub refuses sign-ins from this counter&apos;s network for a while: too many failed attempts. Wait 15 minutes and try again; if it happens again, tell the manager.</source>
        <translation>中控暂时拒绝来自本收银台网络的登录：失败尝试过多。请等待 15 分钟后再试；如果再次发生，请告知店长。</translation>
    </message>
    <message>
        <source>The input is not valid UTF-8 text.</source>
        <translation>输入内容不是有效的 UTF-8 文本。</translation>
    </message>
    <message>
        <source>The journal file is damaged or is not a journal: {path}. Run `pos-app journal verify`.</source>
        <translation>日志文件已损坏或不是日志文件：{path}。请运行 `pos-app journal verify`。</translation>
    </message>
    <message>
        <source>The journal is locked by another program and stayed locked: {path}. Close that program, then try again.</source>
        <translation>日志被另一个程序锁定且一直未释放：{path}。请关闭该程序后重试。</translation>
    </message>
    <message>
        <source>The merchant&apos;s AppID or AppSecret is wrong. Ask the manager to check the settings.</source>
        <translation>商户的 AppID 或 AppSecret 有误。请店长检查设置。</translation>
    </message>
    <message>
        <source>The merchant&apos;s AppSecret is frozen. Ask the manager to unfreeze or reset it.</source>
        <translation>商户的 AppSecret 已被冻结。请店长解冻或重置。</translation>
    </message>
    <message>
        <source>The password store (keyring) refused the request. Unlock it and try again.</source>
        <translation>密码库（keyring）拒绝了请求。请解锁后重试。</translation>
    </message>
    <message>
        <source>The reason may have at most 64 characters.</source>
        <translation>原因最多 64 个字符。</translation>
    </message>
    <message>
        <source>The reason must contain visible text.</source>
        <translation>原因必须包含可见文字。</translation>
    </message>
    <message>
        <source>The settings file cannot be read; fix or delete it.</source>
        <translation>无法读取设置文件；请修复或删除它。</translation>
    </message>
    <message>
        <source>The settings file holds a value of the wrong kind; fix it with `pos-app config set`, or edit or delete the file.</source>
        <translation>设置文件中有类型错误的值；请用 `pos-app config set` 修正，或编辑或删除该文件。</translation>
    </message>
    <message>
        <source>The two PINs are not the same.</source>
        <translation>两次输入的 PIN 不一致。</translation>
    </message>
    <message>
        <source>There is no such setting.</source>
        <translation>没有这个设置项。</translation>
    </message>
    <message>
        <source>This account has no permission for coupons. Tell the manager.</source>
        <translation>此公众号没有卡券权限。请告知店长。</translation>
    </message>
    <message>
        <source>This account has no permission for this coupon. Tell the manager.</source>
        <translation>此公众号没有这张券的权限。请告知店长。</translation>
    </message>
    <message>
        <source>This counter&apos;s IP address is not on the account&apos;s whitelist. Ask the manager to add it.</source>
        <translation>本收银台的 IP 地址不在公众号的白名单中。请店长添加。</translation>
    </message>
    <message>
        <source>This coupon can be redeemed.</source>
        <translation>此券可以核销。</translation>
    </message>
    <message>
        <source>This coupon has already been redeemed.</source>
        <translation>此券已核销过。</translation>
    </message>
    <message>
        <source>This coupon has been given away as a gift and cannot be used by this customer.</source>
        <translation>此券已转赠他人，该顾客不能使用。</translation>
    </message>
    <message>
        <source>This coupon has been made unavailable.</source>
        <translation>此券已被设为不可用。</translation>
    </message>
    <message>
        <source>This coupon has expired.</source>
        <translation>此券已过期。</translation>
    </message>
    <message>
        <source>This coupon is deleted, expired or unavailable.</source>
        <translation>此券已删除、已过期或不可用。</translation>
    </message>
    <message>
        <source>This coupon is not valid yet.</source>
        <translation>此券尚未生效。</translation>
    </message>
    <message>
        <source>This coupon is not within its validity period.</source>
        <translation>此券不在有效期内。</translation>
    </message>
    <message>
        <source>This store may not redeem this coupon (chain rule).</source>
        <translation>本店不能核销此券（连锁规则）。</translation>
    </message>
    <message>
        <source>This ticket has already been checked in.</source>
        <translation>此票已检票。</translation>
    </message>
    <message>
        <source>This ticket has been given away and cannot be used by this holder.</source>
        <translation>此票已转赠他人，当前持有人不能使用。</translation>
    </message>
    <message>
        <source>This ticket has been made unavailable.</source>
        <translation>此票已被设为失效。</translation>
    </message>
    <message>
        <source>This ticket has expired.</source>
        <translation>此票已过期。</translation>
    </message>
    <message>
        <source>This ticket is not valid yet.</source>
        <translation>此票尚未生效。</translation>
    </message>
    <message>
        <source>Too many requests this minute. Wait a minute and try again.</source>
        <translation>这一分钟内请求过多。请等一分钟后重试。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {minutes}:{seconds}.</source>
        <translation>PIN 错误次数过多。请在 {minutes}:{seconds} 后再试。</translation>
    </message>
    <message>
        <source>Unknown card type — not redeemed here.</source>
        <translation>未知卡券类型——不在此核销。</translation>
    </message>
    <message>
        <source>WeChat did not answer in time. Nothing was changed; try again.</source>
        <translation>微信未及时应答。什么都没有改变，请重试。</translation>
    </message>
    <message>
        <source>WeChat did not answer properly. Try again in a moment.</source>
        <translation>微信没有正常应答。请稍后重试。</translation>
    </message>
    <message>
        <source>WeChat is busy right now. Try again in a moment.</source>
        <translation>微信系统繁忙。请稍后重试。</translation>
    </message>
    <message>
        <source>WeChat refused the request (error {errcode}).</source>
        <translation>微信拒绝了请求（错误码 {errcode}）。</translation>
    </message>
    <message>
        <source>WeChat sent an answer the app does not understand. Try again; if it persists, tell the manager.</source>
        <translation>微信返回了本软件无法识别的应答。请重试；如果一直这样，请告知店长。</translation>
    </message>
    <message>
        <source>WeChat would accept this coupon, but a condition of the coupon is not met here (see the checks). Redeem anyway only with the manager&apos;s approval (--override).</source>
        <translation>微信会接受此券，但本券的使用条件在此处不满足（见各项检查）。只有经店长同意才能强制核销（--override）。</translation>
    </message>
    <message>
        <source>Wrong PIN. Tries left before a 5-minute lock: {tries}.</source>
        <translation>PIN 错误。再错 {tries} 次将锁定 5 分钟。</translation>
    </message>
    <message>
        <source>api_base is not valid: it must be a web address such as https://api.weixin.qq.com (no user name, query or #).</source>
        <translation>api_base 无效：必须是网址，例如 https://api.weixin.qq.com（不能含用户名、查询参数或 #）。</translation>
    </message>
    <message>
        <source>custom_card_ids is not valid: at most 20 card IDs separated by commas, each at most 32 letters, digits, _ or -.</source>
        <translation>custom_card_ids 无效：最多 20 个以逗号分隔的卡券 ID，每个最多 32 个字母、数字、_ 或 -。</translation>
    </message>
    <message>
        <source>custom_code_patterns is not valid: at most 20 regular expressions separated by spaces, each at most 100 printable ASCII characters.</source>
        <translation>custom_code_patterns 无效：最多 20 个以空格分隔的正则表达式，每个最多 100 个可打印 ASCII 字符。</translation>
    </message>
    <message>
        <source>store_location_id is not valid: a whole number from 1 to 9223372036854775807 (digits 0-9), or empty.</source>
        <translation>store_location_id 无效：应为 1 到 9223372036854775807 之间的整数（数字 0-9），或留空。</translation>
    </message>
    <message>
        <source>terminal_id is not valid: at most 32 visible characters.</source>
        <translation>terminal_id 无效：最多 32 个可见字符。</translation>
    </message>
</context>
<context>
    <name>outcome</name>
    <message>
        <source>consumed_elsewhere</source>
        <translation>可能在别处核销</translation>
    </message>
    <message>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>invalidated</source>
        <translation>已设为不可用</translation>
    </message>
    <message>
        <source>not_redeemable</source>
        <translation>不可核销</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>redeemable</source>
        <translation>可核销</translation>
    </message>
    <message>
        <source>redeemed</source>
        <translation>已核销</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
</context>
<context>
    <name>rules</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Admission ticket</source>
        <translation>景点门票</translation>
    </message>
    <message>
        <source>Applies to: {items}</source>
        <translation>适用于：{items}</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>Balance {amount}</source>
        <translation>余额 {amount}</translation>
    </message>
    <message>
        <source>Boarding pass</source>
        <translation>登机牌</translation>
    </message>
    <message>
        <source>Bus ticket</source>
        <translation>汽车票</translation>
    </message>
    <message>
        <source>Class {value}</source>
        <translation>票种 {value}</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Coupon: {detail}</source>
        <translation>优惠券：{detail}</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12月</translation>
    </message>
    <message>
        <source>Deduct {amount}</source>
        <translation>抵扣 {amount}</translation>
    </message>
    <message>
        <source>Deduct {amount}; customer pays {to_pay}</source>
        <translation>抵扣 {amount}；顾客应付 {to_pay}</translation>
    </message>
    <message>
        <source>Entrance {value}</source>
        <translation>入口 {value}</translation>
    </message>
    <message>
        <source>Expired on {when}</source>
        <translation>已于 {when} 过期</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>Flight {value}</source>
        <translation>航班 {value}</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Gate {value}</source>
        <translation>登机口/检票口 {value}</translation>
    </message>
    <message>
        <source>Gift: {gift}</source>
        <translation>赠品：{gift}</translation>
    </message>
    <message>
        <source>Group deal: {deal}</source>
        <translation>团购：{deal}</translation>
    </message>
    <message>
        <source>Hall {value}</source>
        <translation>影厅 {value}</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>Meeting ticket</source>
        <translation>会议门票</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>会员卡</translation>
    </message>
    <message>
        <source>Membership number {number}</source>
        <translation>会员号 {number}</translation>
    </message>
    <message>
        <source>Minimum spend {least}: enter the order total to check</source>
        <translation>最低消费 {least}：请输入订单金额以便检查</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Movie ticket</source>
        <translation>电影票</translation>
    </message>
    <message>
        <source>Not for: {items}</source>
        <translation>不适用于：{items}</translation>
    </message>
    <message>
        <source>Not valid at this hour: valid {schedule}</source>
        <translation>当前时段不可用：可用时间 {schedule}</translation>
    </message>
    <message>
        <source>Not valid at this store</source>
        <translation>本店不可用</translation>
    </message>
    <message>
        <source>Not valid today: valid {schedule}</source>
        <translation>今天不可用：可用时间 {schedule}</translation>
    </message>
    <message>
        <source>Not valid yet: valid from {when}, in {days} days</source>
        <translation>尚未生效：{when} 起可用，还有 {days} 天</translation>
    </message>
    <message>
        <source>Not valid yet: valid from {when}, later today</source>
        <translation>尚未生效：今天 {when} 起可用</translation>
    </message>
    <message>
        <source>Not valid yet: valid from {when}, tomorrow</source>
        <translation>尚未生效：明天 {when} 起可用</translation>
    </message>
    <message>
        <source>Not with other offers: make sure no other discount is used on this order</source>
        <translation>不与其他优惠同享：请确认本单没有使用其他优惠</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>Only for: {items}</source>
        <translation>仅限：{items}</translation>
    </message>
    <message>
        <source>Order {total} is below the minimum spend of {least} (missing {missing})</source>
        <translation>订单 {total} 未达到最低消费 {least}（还差 {missing}）</translation>
    </message>
    <message>
        <source>Order {total} reaches the minimum spend of {least}</source>
        <translation>订单 {total} 已达到最低消费 {least}</translation>
    </message>
    <message>
        <source>Points {points}</source>
        <translation>积分 {points}</translation>
    </message>
    <message>
        <source>Route {value}</source>
        <translation>航线 {value}</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Seat {value}</source>
        <translation>座位 {value}</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>Session {value}</source>
        <translation>场次 {value}</translation>
    </message>
    <message>
        <source>Session {when}</source>
        <translation>场次 {when}</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>The merchant deleted this card ({status}): redeem only with a manager&apos;s override</source>
        <translation>商户已删除此卡券（{status}）：须店长授权方可核销</translation>
    </message>
    <message>
        <source>This card is not approved by WeChat yet ({status}): redeem only with a manager&apos;s override</source>
        <translation>此卡券尚未通过微信审核（{status}）：须店长授权方可核销</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>票券</translation>
    </message>
    <message>
        <source>Time limits this app cannot read: check the coupon&apos;s terms ({schedule})</source>
        <translation>使用时段无法识别：请查看优惠券的使用说明（{schedule}）</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Unknown card type ({type}) — not redeemed here</source>
        <translation>未知卡券类型（{type}）——不在此核销</translation>
    </message>
    <message>
        <source>Valid at all stores</source>
        <translation>所有门店可用</translation>
    </message>
    <message>
        <source>Valid at some stores only: this counter&apos;s store ID is not set in Settings</source>
        <translation>仅限部分门店使用：本收银台尚未在设置中填写门店 ID</translation>
    </message>
    <message>
        <source>Valid at this store</source>
        <translation>本店可用</translation>
    </message>
    <message>
        <source>Valid at this time ({schedule})</source>
        <translation>当前时段可用（{schedule}）</translation>
    </message>
    <message>
        <source>Valid on public holidays: check whether today is one ({schedule})</source>
        <translation>法定节假日可用：请确认今天是否为节假日（{schedule}）</translation>
    </message>
    <message>
        <source>Valid until {time} today, last day</source>
        <translation>有效期至今天 {time}，最后一天</translation>
    </message>
    <message>
        <source>Valid until {when}, 1 day left</source>
        <translation>有效期至{when}，还剩1天</translation>
    </message>
    <message>
        <source>Valid until {when}, {days} days left</source>
        <translation>有效期至{when}，还剩{days}天</translation>
    </message>
    <message>
        <source>Valid, no end date</source>
        <translation>有效，无截止日期</translation>
    </message>
    <message>
        <source>WeChat deleted this card ({status}): redeem only with a manager&apos;s override</source>
        <translation>微信已删除此卡券（{status}）：须店长授权方可核销</translation>
    </message>
    <message>
        <source>WeChat&apos;s review rejected this card ({status}): redeem only with a manager&apos;s override</source>
        <translation>此卡券未通过微信审核（{status}）：须店长授权方可核销</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Zone {value}</source>
        <translation>区域 {value}</translation>
    </message>
    <message>
        <source>public holidays</source>
        <translation>法定节假日</translation>
    </message>
    <message>
        <source>{amount} off</source>
        <translation>减{amount}</translation>
    </message>
    <message>
        <source>{amount} off orders of {least} or more</source>
        <translation>满{least}减{amount}</translation>
    </message>
    <message>
        <source>{days} all day</source>
        <translation>{days} 全天</translation>
    </message>
    <message>
        <source>{days} {hours}</source>
        <translation>{days} {hours}</translation>
    </message>
    <message>
        <source>{day} {month} {time}</source>
        <translation>{m}月{day}日 {time}</translation>
    </message>
    <message>
        <source>{day} {month} {year} {time}</source>
        <translation>{year}年{m}月{day}日 {time}</translation>
    </message>
    <message>
        <source>{percent}% off</source>
        <translation>{fold}折</translation>
    </message>
    <message>
        <source>{percent}% off orders of {least} or more</source>
        <translation>满{least}享{fold}折</translation>
    </message>
    <message>
        <source>{when} {zone}</source>
        <translation>{when}（{zone}）</translation>
    </message>
</context>
<context>
    <name>sounds</name>
    <message>
        <source>Sounds are off: this computer&apos;s audio library could not be loaded (on Linux install the libpulse0 package). Everything else works.</source>
        <translation>声音已关闭：无法加载本机的音频库（Linux 上请安装 libpulse0 软件包）。其他功能均正常。</translation>
    </message>
    <message>
        <source>No speaker or headphones found: the app stays silent until one is connected.</source>
        <translation>未找到扬声器或耳机：连接之前应用不会发出声音。</translation>
    </message>
</context>
<context>
    <name>stats</name>
    <message>
        <source>All coupons, per day</source>
        <translation>全部优惠券，按天</translation>
    </message>
    <message>
        <source>Dates are written YYYY-MM-DD, for example 2026-11-30.</source>
        <translation>日期格式为 YYYY-MM-DD，例如 2026-11-30。</translation>
    </message>
    <message>
        <source>Issued = coupons customers received. WeChat&apos;s figures, updated daily; today is never included.</source>
        <translation>发放 = 顾客领取的优惠券数。数据来自微信，每日更新；不含当天。</translation>
    </message>
    <message>
        <source>Member cards, per day</source>
        <translation>会员卡，按天</translation>
    </message>
    <message>
        <source>No statistics for this range.</source>
        <translation>此时间段没有统计数据。</translation>
    </message>
    <message>
        <source>Per coupon, per day</source>
        <translation>单张优惠券，按天</translation>
    </message>
    <message>
        <source>Per coupon, whole range</source>
        <translation>按优惠券，整个时间段</translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation>开始日期晚于结束日期。</translation>
    </message>
    <message>
        <source>This customer has {count} more of our coupons: {titles}</source>
        <translation>这位顾客还有 {count} 张本店优惠券：{titles}</translation>
    </message>
    <message>
        <source>WeChat gives statistics for at most 62 days at a time; this range has {days}.</source>
        <translation>微信每次最多提供62天的统计数据；此时间段共 {days} 天。</translation>
    </message>
    <message>
        <source>WeChat has no statistics for today or later (Beijing time): the last day you can ask for is {last}.</source>
        <translation>微信没有当天及以后的统计数据（北京时间）：最晚可查询到 {last}。</translation>
    </message>
    <message>
        <source>WeChat statistics {begin} – {end}</source>
        <translation>微信统计 {begin} – {end}</translation>
    </message>
    <message>
        <source>activated</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>gifted</source>
        <translation>转赠</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>发放</translation>
    </message>
    <message>
        <source>members</source>
        <translation>会员数</translation>
    </message>
    <message>
        <source>received</source>
        <translation>领取</translation>
    </message>
    <message>
        <source>redeemed</source>
        <translation>核销</translation>
    </message>
    <message>
        <source>views</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>{title} (no end date)</source>
        <translation>{title}（无截止日期）</translation>
    </message>
    <message>
        <source>{title} (until {when})</source>
        <translation>{title}（有效至 {when}）</translation>
    </message>
</context>
</TS>
