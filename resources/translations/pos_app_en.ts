<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>CameraView</name>
    <message>
        <source>Camera off (F4)</source>
        <translation>Camera off (F4)</translation>
    </message>
    <message>
        <source>Camera on (F4)</source>
        <translation>Camera on (F4)</translation>
    </message>
    <message>
        <source>Looking for cameras…</source>
        <translation>Looking for cameras…</translation>
    </message>
    <message>
        <source>No camera found. Use the handheld scanner or type the code.</source>
        <translation>No camera found. Use the handheld scanner or type the code.</translation>
    </message>
    <message>
        <source>Camera is off.</source>
        <translation>Camera is off.</translation>
    </message>
</context>
<context>
    <name>ChangePinDialog</name>
    <message>
        <source>Manager PIN</source>
        <translation>Manager PIN</translation>
    </message>
    <message>
        <source>Set a manager PIN</source>
        <translation>Set a manager PIN</translation>
    </message>
    <message>
        <source>Current PIN:</source>
        <translation>Current PIN:</translation>
    </message>
    <message>
        <source>New PIN (4 to 8 digits):</source>
        <translation>New PIN (4 to 8 digits):</translation>
    </message>
    <message>
        <source>New PIN again:</source>
        <translation>New PIN again:</translation>
    </message>
    <message>
        <source>No manager PIN is set on this counter yet. A manager must choose one now: marking coupons unavailable, overriding conditions and the settings all need it.</source>
        <translation>No manager PIN is set on this counter yet. A manager must choose one now: marking coupons unavailable, overriding conditions and the settings all need it.</translation>
    </message>
    <message>
        <source>The new PIN was not saved: the settings file cannot be written.</source>
        <translation>The new PIN was not saved: the settings file cannot be written.</translation>
    </message>
</context>
<context>
    <name>Connectivity</name>
    <message>
        <source>Earlier operations checked</source>
        <translation>Earlier operations checked</translation>
    </message>
    <message>
        <source>WeChat has now answered about operations whose answer had been lost:</source>
        <translation>WeChat has now answered about operations whose answer had been lost:</translation>
    </message>
</context>
<context>
    <name>CounterView</name>
    <message>
        <source>TRAINING — nothing is redeemed for real</source>
        <translation>TRAINING — nothing is redeemed for real</translation>
    </message>
    <message>
        <source>Change cashier (F2)</source>
        <translation>Change cashier (F2)</translation>
    </message>
    <message>
        <source>Settings (F12)</source>
        <translation>Settings (F12)</translation>
    </message>
    <message>
        <source>Close shift (F11)</source>
        <translation>Close shift (F11)</translation>
    </message>
    <message>
        <source>History (F3)</source>
        <translation>History (F3)</translation>
    </message>
    <message>
        <source>Redeem (F9)</source>
        <translation>Redeem (F9)</translation>
    </message>
    <message>
        <source>Mark unavailable (F10)</source>
        <translation>Mark unavailable (F10)</translation>
    </message>
    <message>
        <source>Clear (Esc)</source>
        <translation>Clear (Esc)</translation>
    </message>
    <message>
        <source>Coupon counter</source>
        <translation>Coupon counter</translation>
    </message>
    <message>
        <source>TRAINING</source>
        <translation>TRAINING</translation>
    </message>
</context>
<context>
    <name>DemoCards</name>
    <message>
        <source>10% off at People&apos;s Square store</source>
        <translation>10% off at People&apos;s Square store</translation>
    </message>
    <message>
        <source>2 hours free parking</source>
        <translation>2 hours free parking</translation>
    </message>
    <message>
        <source>20% off everything</source>
        <translation>20% off everything</translation>
    </message>
    <message>
        <source>Adult</source>
        <translation>Adult</translation>
    </message>
    <message>
        <source>All items, in store</source>
        <translation>All items, in store</translation>
    </message>
    <message>
        <source>Beef noodles and a drink.</source>
        <translation>Beef noodles and a drink.</translation>
    </message>
    <message>
        <source>Cakes</source>
        <translation>Cakes</translation>
    </message>
    <message>
        <source>Cannot be combined with other offers.</source>
        <translation>Cannot be combined with other offers.</translation>
    </message>
    <message>
        <source>Chengdu</source>
        <translation>Chengdu</translation>
    </message>
    <message>
        <source>Demo Bakery</source>
        <translation>Demo Bakery</translation>
    </message>
    <message>
        <source>Demo Bakery member card</source>
        <translation>Demo Bakery member card</translation>
    </message>
    <message>
        <source>Evening show, Hall 3</source>
        <translation>Evening show, Hall 3</translation>
    </message>
    <message>
        <source>Free coffee (member code)</source>
        <translation>Free coffee (member code)</translation>
    </message>
    <message>
        <source>Free egg tart</source>
        <translation>Free egg tart</translation>
    </message>
    <message>
        <source>Free mooncake (from next week)</source>
        <translation>Free mooncake (from next week)</translation>
    </message>
    <message>
        <source>Garden admission</source>
        <translation>Garden admission</translation>
    </message>
    <message>
        <source>Gift boxes</source>
        <translation>Gift boxes</translation>
    </message>
    <message>
        <source>Guangzhou</source>
        <translation>Guangzhou</translation>
    </message>
    <message>
        <source>Hotpot set for two ¥132</source>
        <translation>Hotpot set for two ¥132</translation>
    </message>
    <message>
        <source>Members get 5% off cakes.</source>
        <translation>Members get 5% off cakes.</translation>
    </message>
    <message>
        <source>Noodle set (older card)</source>
        <translation>Noodle set (older card)</translation>
    </message>
    <message>
        <source>One Portuguese egg tart</source>
        <translation>One Portuguese egg tart</translation>
    </message>
    <message>
        <source>One americano</source>
        <translation>One americano</translation>
    </message>
    <message>
        <source>One lotus-seed mooncake</source>
        <translation>One lotus-seed mooncake</translation>
    </message>
    <message>
        <source>Show the code at the counter</source>
        <translation>Show the code at the counter</translation>
    </message>
    <message>
        <source>Shuttle flight CE123</source>
        <translation>Shuttle flight CE123</translation>
    </message>
    <message>
        <source>Soup base of your choice, 2 plates of beef, 1 plate of vegetables, 2 drinks.</source>
        <translation>Soup base of your choice, 2 plates of beef, 1 plate of vegetables, 2 drinks.</translation>
    </message>
    <message>
        <source>Stamp card (unknown type)</source>
        <translation>Stamp card (unknown type)</translation>
    </message>
    <message>
        <source>The Demo Movie, 19:30, Hall 3, 2D</source>
        <translation>The Demo Movie, 19:30, Hall 3, 2D</translation>
    </message>
    <message>
        <source>Two hours of free parking in the mall car park.</source>
        <translation>Two hours of free parking in the mall car park.</translation>
    </message>
    <message>
        <source>Weekdays 10:00-14:00</source>
        <translation>Weekdays 10:00-14:00</translation>
    </message>
    <message>
        <source>any drink</source>
        <translation>any drink</translation>
    </message>
    <message>
        <source>¥10 off at lunchtime</source>
        <translation>¥10 off at lunchtime</translation>
    </message>
    <message>
        <source>¥20 off orders of ¥100</source>
        <translation>¥20 off orders of ¥100</translation>
    </message>
    <message>
        <source>¥30 off orders of ¥200 (member code)</source>
        <translation>¥30 off orders of ¥200 (member code)</translation>
    </message>
    <message>
        <source>¥5 off (last month&apos;s promotion)</source>
        <translation>¥5 off (last month&apos;s promotion)</translation>
    </message>
    <message>
        <source>¥5 off, no end date</source>
        <translation>¥5 off, no end date</translation>
    </message>
    <message>
        <source>¥50 off orders of ¥500</source>
        <translation>¥50 off orders of ¥500</translation>
    </message>
    <message>
        <source>¥50 off when you spend ¥500 or more.</source>
        <translation>¥50 off when you spend ¥500 or more.</translation>
    </message>
    <message>
        <source>¥8 off (withdrawn promotion)</source>
        <translation>¥8 off (withdrawn promotion)</translation>
    </message>
</context>
<context>
    <name>DemoCodes</name>
    <message>
        <source>¥50 off orders of ¥500 or more, redeemable</source>
        <translation>¥50 off orders of ¥500 or more, redeemable</translation>
    </message>
    <message>
        <source>20% off, redeemable</source>
        <translation>20% off, redeemable</translation>
    </message>
    <message>
        <source>free egg tart, redeemable</source>
        <translation>free egg tart, redeemable</translation>
    </message>
    <message>
        <source>hotpot set for two, redeemable (30 days from receipt)</source>
        <translation>hotpot set for two, redeemable (30 days from receipt)</translation>
    </message>
    <message>
        <source>2 h free parking, redeemable</source>
        <translation>2 h free parking, redeemable</translation>
    </message>
    <message>
        <source>¥10 off, weekdays 10:00-14:00 only</source>
        <translation>¥10 off, weekdays 10:00-14:00 only</translation>
    </message>
    <message>
        <source>10% off, only in store 401234567</source>
        <translation>10% off, only in store 401234567</translation>
    </message>
    <message>
        <source>¥20 off ¥100, not with other offers</source>
        <translation>¥20 off ¥100, not with other offers</translation>
    </message>
    <message>
        <source>custom code: ¥30 off ¥200, redeemable</source>
        <translation>custom code: ¥30 off ¥200, redeemable</translation>
    </message>
    <message>
        <source>already redeemed</source>
        <translation>already redeemed</translation>
    </message>
    <message>
        <source>expired (status EXPIRE)</source>
        <translation>expired (status EXPIRE)</translation>
    </message>
    <message>
        <source>end time passed, status still NORMAL</source>
        <translation>end time passed, status still NORMAL</translation>
    </message>
    <message>
        <source>not valid yet (from in 2 days)</source>
        <translation>not valid yet (from in 2 days)</translation>
    </message>
    <message>
        <source>being gifted to a friend (GIFTING)</source>
        <translation>being gifted to a friend (GIFTING)</translation>
    </message>
    <message>
        <source>gift timed out (GIFT_TIMEOUT)</source>
        <translation>gift timed out (GIFT_TIMEOUT)</translation>
    </message>
    <message>
        <source>deleted by the holder (DELETE)</source>
        <translation>deleted by the holder (DELETE)</translation>
    </message>
    <message>
        <source>invalidated (UNAVAILABLE)</source>
        <translation>invalidated (UNAVAILABLE)</translation>
    </message>
    <message>
        <source>gifted away and accepted (service: invalid code)</source>
        <translation>gifted away and accepted (service: invalid code)</translation>
    </message>
    <message>
        <source>unknown code</source>
        <translation>unknown code</translation>
    </message>
    <message>
        <source>¥5 off, no end date (permanent card)</source>
        <translation>¥5 off, no end date (permanent card)</translation>
    </message>
    <message>
        <source>older card: numeric date type, no advanced info</source>
        <translation>older card: numeric date type, no advanced info</translation>
    </message>
    <message>
        <source>card deleted by WeChat (SYS_DELETE): manager override needed</source>
        <translation>card deleted by WeChat (SYS_DELETE): manager override needed</translation>
    </message>
    <message>
        <source>member card: shown, never redeemed</source>
        <translation>member card: shown, never redeemed</translation>
    </message>
    <message>
        <source>movie ticket: admit</source>
        <translation>movie ticket: admit</translation>
    </message>
    <message>
        <source>garden admission ticket (7 days from receipt)</source>
        <translation>garden admission ticket (7 days from receipt)</translation>
    </message>
    <message>
        <source>boarding pass with gate and route</source>
        <translation>boarding pass with gate and route</translation>
    </message>
    <message>
        <source>a card type this app does not know: never redeemed</source>
        <translation>a card type this app does not know: never redeemed</translation>
    </message>
</context>
<context>
    <name>DemoCodesPanel</name>
    <message>
        <source>Demo codes (click to scan)</source>
        <translation>Demo codes (click to scan)</translation>
    </message>
    <message>
        <source>used: {outcome}</source>
        <translation>used: {outcome}</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Redeemable</source>
        <translation>Redeemable</translation>
    </message>
    <message>
        <source>Not redeemable</source>
        <translation>Not redeemable</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>Marked unavailable</source>
        <translation>Marked unavailable</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Not confirmed yet</source>
        <translation>Not confirmed yet</translation>
    </message>
    <message>
        <source>Used, possibly at another counter</source>
        <translation>Used, possibly at another counter</translation>
    </message>
    <message>
        <source>Lookup</source>
        <translation>Lookup</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>Redeem</translation>
    </message>
    <message>
        <source>Mark unavailable</source>
        <translation>Mark unavailable</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Reason / note</source>
        <translation>Reason / note</translation>
    </message>
    <message>
        <source>Search the full code or its last digits to find this row.</source>
        <translation>Search the full code or its last digits to find this row.</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>whole code or its last digits</source>
        <translation>whole code or its last digits</translation>
    </message>
    <message>
        <source>Any &amp;day</source>
        <translation>Any &amp;day</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>All outcomes</translation>
    </message>
    <message>
        <source>Cas&amp;hier:</source>
        <translation>Cas&amp;hier:</translation>
    </message>
    <message>
        <source>all</source>
        <translation>all</translation>
    </message>
    <message>
        <source>Show &amp;more</source>
        <translation>Show &amp;more</translation>
    </message>
    <message>
        <source>Shift &amp;report…</source>
        <translation>Shift &amp;report…</translation>
    </message>
    <message>
        <source>Coupon &amp;statistics…</source>
        <translation>Coupon &amp;statistics…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>The journal is not available.</source>
        <translation>The journal is not available.</translation>
    </message>
    <message>
        <source>The journal could not be read: {error}</source>
        <translation>The journal could not be read: {error}</translation>
    </message>
    <message>
        <source>Newest {count} operations shown</source>
        <translation>Newest {count} operations shown</translation>
    </message>
    <message>
        <source>{count} operations</source>
        <translation>{count} operations</translation>
    </message>
</context>
<context>
    <name>IntegrityBanner</name>
    <message>
        <source>Warning: the record of operations (journal) on this computer has been changed from outside the app. Earlier operations may be missing. Tell the manager; keep serving customers as usual.</source>
        <translation>Warning: the record of operations (journal) on this computer has been changed from outside the app. Earlier operations may be missing. Tell the manager; keep serving customers as usual.</translation>
    </message>
</context>
<context>
    <name>InvalidateDialog</name>
    <message>
        <source>Enter or choose a reason.</source>
        <translation>Enter or choose a reason.</translation>
    </message>
    <message>
        <source>The reason may have at most 64 characters.</source>
        <translation>The reason may have at most 64 characters.</translation>
    </message>
    <message>
        <source>Tick that the customer agreed.</source>
        <translation>Tick that the customer agreed.</translation>
    </message>
    <message>
        <source>Mark coupon unavailable</source>
        <translation>Mark coupon unavailable</translation>
    </message>
    <message>
        <source>Mark coupon {what} unavailable?</source>
        <translation>Mark coupon {what} unavailable?</translation>
    </message>
    <message>
        <source>&amp;Reason (required, at most 64 characters):</source>
        <translation>&amp;Reason (required, at most 64 characters):</translation>
    </message>
    <message>
        <source>Customer asked to cancel the coupon</source>
        <translation>Customer asked to cancel the coupon</translation>
    </message>
    <message>
        <source>Coupon issued by mistake</source>
        <translation>Coupon issued by mistake</translation>
    </message>
    <message>
        <source>Coupon damaged or unreadable</source>
        <translation>Coupon damaged or unreadable</translation>
    </message>
    <message>
        <source>Suspected misuse</source>
        <translation>Suspected misuse</translation>
    </message>
    <message>
        <source>The customer &amp;agreed</source>
        <translation>The customer &amp;agreed</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>Continue (Enter)</source>
        <translation>Continue (Enter)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Yes, mark unavailable (Enter)</source>
        <translation>Yes, mark unavailable (Enter)</translation>
    </message>
    <message>
        <source>This cannot be undone: the coupon {code} can never be used again.
Reason: {reason}</source>
        <translation>This cannot be undone: the coupon {code} can never be used again.
Reason: {reason}</translation>
    </message>
</context>
<context>
    <name>JournalShipView</name>
    <message>
        <source>Journal: the hub refuses this counter&apos;s rows ({reason}). Tell the manager.</source>
        <translation>Journal: the hub refuses this counter&apos;s rows ({reason}). Tell the manager.</translation>
    </message>
    <message>
        <source>Journal: {count} row(s) not yet at the hub (hub unreachable since {time})</source>
        <translation>Journal: {count} row(s) not yet at the hub (hub unreachable since {time})</translation>
    </message>
    <message>
        <source>Journal: all rows at the hub ({time})</source>
        <translation>Journal: all rows at the hub ({time})</translation>
    </message>
    <message>
        <source>Journal: {count} row(s) not yet at the hub ({time})</source>
        <translation>Journal: {count} row(s) not yet at the hub ({time})</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cashier: {name}</source>
        <translation>Cashier: {name}</translation>
    </message>
    <message>
        <source>No cashier</source>
        <translation>No cashier</translation>
    </message>
    <message>
        <source>Scan a coupon. Enter looks it up; F9 redeems; F10 marks unavailable; Esc clears.</source>
        <translation>Scan a coupon. Enter looks it up; F9 redeems; F10 marks unavailable; Esc clears.</translation>
    </message>
    <message>
        <source>Looking the coupon up… Esc stops waiting.</source>
        <translation>Looking the coupon up… Esc stops waiting.</translation>
    </message>
    <message>
        <source>A condition is not met: F9 asks a manager to override it; Esc clears.</source>
        <translation>A condition is not met: F9 asks a manager to override it; Esc clears.</translation>
    </message>
    <message>
        <source>F9 checks this ticket in; Esc clears.</source>
        <translation>F9 checks this ticket in; Esc clears.</translation>
    </message>
    <message>
        <source>F9 redeems this coupon; Esc clears.</source>
        <translation>F9 redeems this coupon; Esc clears.</translation>
    </message>
    <message>
        <source>Esc clears; scan the next coupon.</source>
        <translation>Esc clears; scan the next coupon.</translation>
    </message>
    <message>
        <source>Redeeming… wait for the answer.</source>
        <translation>Redeeming… wait for the answer.</translation>
    </message>
    <message>
        <source>Marking unavailable… wait for the answer.</source>
        <translation>Marking unavailable… wait for the answer.</translation>
    </message>
    <message>
        <source>Confirming with WeChat… wait; the coupon is checked again automatically.</source>
        <translation>Confirming with WeChat… wait; the coupon is checked again automatically.</translation>
    </message>
    <message>
        <source>Done. Scan the next coupon.</source>
        <translation>Done. Scan the next coupon.</translation>
    </message>
    <message>
        <source>Redeemed here at {time} by {cashier}, terminal {terminal}.</source>
        <translation>Redeemed here at {time} by {cashier}, terminal {terminal}.</translation>
    </message>
    <message>
        <source>No cashier: press F2 and enter your name before redeeming.</source>
        <translation>No cashier: press F2 and enter your name before redeeming.</translation>
    </message>
    <message>
        <source>{count} scan(s) waiting, looked up in order.</source>
        <translation>{count} scan(s) waiting, looked up in order.</translation>
    </message>
    <message>
        <source>Redeemed here at {time} by {cashier}.</source>
        <translation>Redeemed here at {time} by {cashier}.</translation>
    </message>
    <message>
        <source>Redemption in progress</source>
        <translation>Redemption in progress</translation>
    </message>
    <message>
        <source>Check in (F9)</source>
        <translation>Check in (F9)</translation>
    </message>
    <message>
        <source>A redemption is still being confirmed. Quit anyway? It will be checked at the next start.</source>
        <translation>A redemption is still being confirmed. Quit anyway? It will be checked at the next start.</translation>
    </message>
</context>
<context>
    <name>ManagerGuards</name>
    <message>
        <source>Condition not met</source>
        <translation>Condition not met</translation>
    </message>
    <message>
        <source>This coupon&apos;s conditions are not all met:</source>
        <translation>This coupon&apos;s conditions are not all met:</translation>
    </message>
    <message>
        <source>Redeem anyway? At a real counter this needs the manager&apos;s PIN; training asks none.</source>
        <translation>Redeem anyway? At a real counter this needs the manager&apos;s PIN; training asks none.</translation>
    </message>
    <message>
        <source>Redeem anyway? Only with the manager&apos;s approval.</source>
        <translation>Redeem anyway? Only with the manager&apos;s approval.</translation>
    </message>
    <message>
        <source>Redeem anyway</source>
        <translation>Redeem anyway</translation>
    </message>
    <message>
        <source>Do not redeem</source>
        <translation>Do not redeem</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>Code {code} is waiting; it is looked up next.</source>
        <translation>Code {code} is waiting; it is looked up next.</translation>
    </message>
    <message>
        <source>Too many scans are waiting: scan {code} again in a moment.</source>
        <translation>Too many scans are waiting: scan {code} again in a moment.</translation>
    </message>
    <message>
        <source>Same code scanned again: showing the last result.</source>
        <translation>Same code scanned again: showing the last result.</translation>
    </message>
    <message>
        <source>The camera saw something that is not a coupon; it keeps looking.</source>
        <translation>The camera saw something that is not a coupon; it keeps looking.</translation>
    </message>
    <message>
        <source>{code} is not a coupon code.</source>
        <translation>{code} is not a coupon code.</translation>
    </message>
    <message>
        <source>Nothing is redeemed without a cashier: enter your name (F2).</source>
        <translation>Nothing is redeemed without a cashier: enter your name (F2).</translation>
    </message>
    <message>
        <source>This coupon cannot be redeemed.</source>
        <translation>This coupon cannot be redeemed.</translation>
    </message>
    <message>
        <source>This store may not redeem this coupon (chain rule).</source>
        <translation>This store may not redeem this coupon (chain rule).</translation>
    </message>
    <message>
        <source>Redeeming is off while there is no connection to WeChat.</source>
        <translation>Redeeming is off while there is no connection to WeChat.</translation>
    </message>
    <message>
        <source>Not approved: nothing was done.</source>
        <translation>Not approved: nothing was done.</translation>
    </message>
    <message>
        <source>The reason is empty or too long.</source>
        <translation>The reason is empty or too long.</translation>
    </message>
    <message>
        <source>Wait for WeChat&apos;s answer: a redemption cannot be abandoned halfway.</source>
        <translation>Wait for WeChat&apos;s answer: a redemption cannot be abandoned halfway.</translation>
    </message>
    <message>
        <source>The lookup was abandoned; nothing was redeemed. Scan again when ready.</source>
        <translation>The lookup was abandoned; nothing was redeemed. Scan again when ready.</translation>
    </message>
    <message>
        <source>WeChat says this coupon is used, possibly at another counter. Do not give the discount until the manager has checked.</source>
        <translation>WeChat says this coupon is used, possibly at another counter. Do not give the discount until the manager has checked.</translation>
    </message>
    <message>
        <source>Done as shown, but this counter&apos;s record could not be written: tell the manager.</source>
        <translation>Done as shown, but this counter&apos;s record could not be written: tell the manager.</translation>
    </message>
    <message>
        <source>Something went wrong in the app. Scan the coupon again to see its state before giving the discount; tell the manager.</source>
        <translation>Something went wrong in the app. Scan the coupon again to see its state before giving the discount; tell the manager.</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <source>No connection to the chain&apos;s hub (this counter reaches WeChat through it). Redeeming is off until the connection is back; check the network cable or Wi-Fi. The app keeps trying.</source>
        <translation>No connection to the chain&apos;s hub (this counter reaches WeChat through it). Redeeming is off until the connection is back; check the network cable or Wi-Fi. The app keeps trying.</translation>
    </message>
    <message>
        <source>No connection to WeChat. Redeeming is off until the connection is back; check the network cable or Wi-Fi. The app keeps trying.</source>
        <translation>No connection to WeChat. Redeeming is off until the connection is back; check the network cable or Wi-Fi. The app keeps trying.</translation>
    </message>
</context>
<context>
    <name>OperationsList</name>
    <message>
        <source>Confirming…</source>
        <translation>Confirming…</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>Used, possibly elsewhere: check</source>
        <translation>Used, possibly elsewhere: check</translation>
    </message>
    <message>
        <source>Not redeemed: {verdict}</source>
        <translation>Not redeemed: {verdict}</translation>
    </message>
    <message>
        <source>Not redeemed (error)</source>
        <translation>Not redeemed (error)</translation>
    </message>
    <message>
        <source>Marked unavailable</source>
        <translation>Marked unavailable</translation>
    </message>
    <message>
        <source>Not marked unavailable</source>
        <translation>Not marked unavailable</translation>
    </message>
    <message>
        <source>Looked up: {verdict}</source>
        <translation>Looked up: {verdict}</translation>
    </message>
    <message>
        <source>This session</source>
        <translation>This session</translation>
    </message>
</context>
<context>
    <name>PendingView</name>
    <message>
        <source>Unresolved operations</source>
        <translation>Unresolved operations</translation>
    </message>
    <message>
        <source>WeChat&apos;s answer to these operations is not known yet. They are checked again at every start and when the connection comes back. Only if WeChat cannot be reached may a manager acknowledge them so the shift can be closed; they stay listed until WeChat answers.</source>
        <translation>WeChat&apos;s answer to these operations is not known yet. They are checked again at every start and when the connection comes back. Only if WeChat cannot be reached may a manager acknowledge them so the shift can be closed; they stay listed until WeChat answers.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Acknowledged by</source>
        <translation>Acknowledged by</translation>
    </message>
    <message>
        <source>&amp;Manager:</source>
        <translation>&amp;Manager:</translation>
    </message>
    <message>
        <source>&amp;Acknowledge selected…</source>
        <translation>&amp;Acknowledge selected…</translation>
    </message>
    <message>
        <source>Check with WeChat &amp;now</source>
        <translation>Check with WeChat &amp;now</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>The journal could not be read: {error}</source>
        <translation>The journal could not be read: {error}</translation>
    </message>
    <message>
        <source>Select the operations to acknowledge.</source>
        <translation>Select the operations to acknowledge.</translation>
    </message>
    <message>
        <source>Enter the manager&apos;s name.</source>
        <translation>Enter the manager&apos;s name.</translation>
    </message>
    <message>
        <source>Acknowledged: {count}</source>
        <translation>Acknowledged: {count}</translation>
    </message>
    <message>
        <source>Asking WeChat…</source>
        <translation>Asking WeChat…</translation>
    </message>
    <message>
        <source>Settled: {count}</source>
        <translation>Settled: {count}</translation>
    </message>
    <message>
        <source>WeChat could not be asked: {error}</source>
        <translation>WeChat could not be asked: {error}</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Manager PIN</source>
        <translation>Manager PIN</translation>
    </message>
    <message>
        <source>A manager must approve redeeming a coupon whose conditions are not met.</source>
        <translation>A manager must approve redeeming a coupon whose conditions are not met.</translation>
    </message>
    <message>
        <source>A manager must approve changing the settings.</source>
        <translation>A manager must approve changing the settings.</translation>
    </message>
    <message>
        <source>A manager must approve marking a coupon unavailable.</source>
        <translation>A manager must approve marking a coupon unavailable.</translation>
    </message>
    <message>
        <source>A manager must acknowledge operations whose outcome is not known yet.</source>
        <translation>A manager must acknowledge operations whose outcome is not known yet.</translation>
    </message>
    <message>
        <source>This needs a manager&apos;s approval.</source>
        <translation>This needs a manager&apos;s approval.</translation>
    </message>
    <message>
        <source>Manager &amp;PIN:</source>
        <translation>Manager &amp;PIN:</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Files of &amp;type:</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>By outcome</source>
        <translation>By outcome</translation>
    </message>
    <message>
        <source>By coupon</source>
        <translation>By coupon</translation>
    </message>
    <message>
        <source>By cashier</source>
        <translation>By cashier</translation>
    </message>
    <message>
        <source>By hour</source>
        <translation>By hour</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Hour</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>Operations</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>Redeemed value</source>
        <translation>Redeemed value</translation>
    </message>
    <message>
        <source>Marked unavailable</source>
        <translation>Marked unavailable</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>Shift report</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>Cas&amp;hier:</source>
        <translation>Cas&amp;hier:</translation>
    </message>
    <message>
        <source>all</source>
        <translation>all</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Export &amp;CSV…</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>Save &amp;PDF…</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>P&amp;rint…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>&amp;Unresolved operations…</source>
        <translation>&amp;Unresolved operations…</translation>
    </message>
    <message>
        <source>Operations per hour</source>
        <translation>Operations per hour</translation>
    </message>
    <message>
        <source>(unknown coupon)</source>
        <translation>(unknown coupon)</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>{since} to {until}</source>
        <translation>{since} to {until}</translation>
    </message>
    <message>
        <source>{count} operations; {redeemed} redeemed worth {value}; {invalidated} marked unavailable</source>
        <translation>{count} operations; {redeemed} redeemed worth {value}; {invalidated} marked unavailable</translation>
    </message>
    <message>
        <source>Cashier: {name}</source>
        <translation>Cashier: {name}</translation>
    </message>
    <message>
        <source>{count} operations are not confirmed yet ({open} not acknowledged by a manager): the shift cannot be closed until they are resolved.</source>
        <translation>{count} operations are not confirmed yet ({open} not acknowledged by a manager): the shift cannot be closed until they are resolved.</translation>
    </message>
    <message>
        <source>{count} operations are not confirmed yet; a manager acknowledged them. WeChat is asked again when it answers.</source>
        <translation>{count} operations are not confirmed yet; a manager acknowledged them. WeChat is asked again when it answers.</translation>
    </message>
    <message>
        <source>The journal is not available.</source>
        <translation>The journal is not available.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>The journal could not be read: {error}</source>
        <translation>The journal could not be read: {error}</translation>
    </message>
    <message>
        <source>Journal: {rows} rows, last row hash {hash}</source>
        <translation>Journal: {rows} rows, last row hash {hash}</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <source>The file could not be written: {error}</source>
        <translation>The file could not be written: {error}</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>Save PDF</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <source>Redeemable</source>
        <translation>Redeemable</translation>
    </message>
    <message>
        <source>Already redeemed</source>
        <translation>Already redeemed</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Not yet valid</source>
        <translation>Not yet valid</translation>
    </message>
    <message>
        <source>Gifted</source>
        <translation>Gifted</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>Unavailable</translation>
    </message>
    <message>
        <source>Invalid code</source>
        <translation>Invalid code</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>Member card</translation>
    </message>
    <message>
        <source>Unknown card type</source>
        <translation>Unknown card type</translation>
    </message>
    <message>
        <source>Not at this store</source>
        <translation>Not at this store</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>This coupon cannot be used again. Do not give the discount.</source>
        <translation>This coupon cannot be used again. Do not give the discount.</translation>
    </message>
    <message>
        <source>The coupon&apos;s validity has ended. Do not give the discount.</source>
        <translation>The coupon&apos;s validity has ended. Do not give the discount.</translation>
    </message>
    <message>
        <source>The coupon cannot be used yet. Ask the customer to come back when it is valid.</source>
        <translation>The coupon cannot be used yet. Ask the customer to come back when it is valid.</translation>
    </message>
    <message>
        <source>The customer gave this coupon to someone else. It cannot be used here.</source>
        <translation>The customer gave this coupon to someone else. It cannot be used here.</translation>
    </message>
    <message>
        <source>The customer deleted this coupon. It cannot be used.</source>
        <translation>The customer deleted this coupon. It cannot be used.</translation>
    </message>
    <message>
        <source>This coupon was marked unavailable. It cannot be used.</source>
        <translation>This coupon was marked unavailable. It cannot be used.</translation>
    </message>
    <message>
        <source>This store may not redeem this coupon (chain rule). Do not give the discount; the customer may use it at a store of the chain that accepts it.</source>
        <translation>This store may not redeem this coupon (chain rule). Do not give the discount; the customer may use it at a store of the chain that accepts it.</translation>
    </message>
    <message>
        <source>Met</source>
        <comment>condition mark: the condition is met</comment>
        <translation>Met</translation>
    </message>
    <message>
        <source>Not met</source>
        <comment>condition mark: the condition is not met</comment>
        <translation>Not met</translation>
    </message>
    <message>
        <source>Check</source>
        <comment>condition mark: the cashier must check this condition</comment>
        <translation>Check</translation>
    </message>
    <message>
        <source>Admit</source>
        <translation>Admit</translation>
    </message>
    <message>
        <source>Already checked in</source>
        <translation>Already checked in</translation>
    </message>
    <message>
        <source>Gift timed out</source>
        <translation>Gift timed out</translation>
    </message>
    <message>
        <source>Being gifted</source>
        <translation>Being gifted</translation>
    </message>
    <message>
        <source>A gift of this coupon was not accepted in time. It cannot be used now: ask the customer to check the coupon in WeChat.</source>
        <translation>A gift of this coupon was not accepted in time. It cannot be used now: ask the customer to check the coupon in WeChat.</translation>
    </message>
    <message>
        <source>The customer is giving this coupon to someone else. It cannot be used while the gift is pending.</source>
        <translation>The customer is giving this coupon to someone else. It cannot be used while the gift is pending.</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>Marked unavailable</source>
        <translation>Marked unavailable</translation>
    </message>
    <message>
        <source>Used - check first</source>
        <translation>Used - check first</translation>
    </message>
    <message>
        <source>Not redeemed</source>
        <translation>Not redeemed</translation>
    </message>
    <message>
        <source>Not marked unavailable</source>
        <translation>Not marked unavailable</translation>
    </message>
    <message>
        <source>Looking up {code}…</source>
        <translation>Looking up {code}…</translation>
    </message>
    <message>
        <source>Redeeming…</source>
        <translation>Redeeming…</translation>
    </message>
    <message>
        <source>Marking unavailable…</source>
        <translation>Marking unavailable…</translation>
    </message>
    <message>
        <source>Stopped waiting</source>
        <translation>Stopped waiting</translation>
    </message>
    <message>
        <source>The lookup was abandoned; nothing was redeemed. Scan again when ready.</source>
        <translation>The lookup was abandoned; nothing was redeemed. Scan again when ready.</translation>
    </message>
    <message>
        <source>Checked in: {title}</source>
        <translation>Checked in: {title}</translation>
    </message>
    <message>
        <source>Redeemed {value}</source>
        <translation>Redeemed {value}</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s coupon or type its code.</source>
        <translation>Scan the customer&apos;s coupon or type its code.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>Please wait. Esc stops waiting.</source>
        <translation>Please wait. Esc stops waiting.</translation>
    </message>
    <message>
        <source>Please wait for WeChat&apos;s answer; it cannot be stopped.</source>
        <translation>Please wait for WeChat&apos;s answer; it cannot be stopped.</translation>
    </message>
    <message>
        <source>Confirming…</source>
        <translation>Confirming…</translation>
    </message>
    <message>
        <source>The answer from WeChat was lost. Checking the coupon again - do not redeem it another way and do not give or refuse the discount yet.</source>
        <translation>The answer from WeChat was lost. Checking the coupon again - do not redeem it another way and do not give or refuse the discount yet.</translation>
    </message>
    <message>
        <source>Condition not met</source>
        <translation>Condition not met</translation>
    </message>
    <message>
        <source>Code {code}</source>
        <translation>Code {code}</translation>
    </message>
    <message>
        <source>Order total (¥):</source>
        <translation>Order total (¥):</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
</context>
<context>
    <name>ScanCommands</name>
    <message>
        <source>--seconds must be more than 0</source>
        <translation>--seconds must be more than 0</translation>
    </message>
    <message>
        <source>--window must be 0 or more</source>
        <translation>--window must be 0 or more</translation>
    </message>
    <message>
        <source>cannot read image: {file}</source>
        <translation>cannot read image: {file}</translation>
    </message>
    <message>
        <source>cannot read video: {source}</source>
        <translation>cannot read video: {source}</translation>
    </message>
    <message>
        <source>no code</source>
        <translation>no code</translation>
    </message>
</context>
<context>
    <name>ScanField</name>
    <message>
        <source>Scan or type the coupon code, then Enter</source>
        <translation>Scan or type the coupon code, then Enter</translation>
    </message>
    <message>
        <source>Coupon code</source>
        <translation>Coupon code</translation>
    </message>
</context>
<context>
    <name>Scanner</name>
    <message>
        <source>Camera scanning is off: the zbar library is missing. Install it with &apos;sudo apt-get install libzbar0&apos; (Debian/Ubuntu) or &apos;brew install zbar&apos; (macOS); on Windows, reinstall pos-app. Typed and USB-scanner codes still work.</source>
        <translation>Camera scanning is off: the zbar library is missing. Install it with &apos;sudo apt-get install libzbar0&apos; (Debian/Ubuntu) or &apos;brew install zbar&apos; (macOS); on Windows, reinstall pos-app. Typed and USB-scanner codes still work.</translation>
    </message>
    <message>
        <source>Camera is off.</source>
        <translation>Camera is off.</translation>
    </message>
    <message>
        <source>Camera {source} is not available (unplugged or used by another program). Retrying…</source>
        <translation>Camera {source} is not available (unplugged or used by another program). Retrying…</translation>
    </message>
    <message>
        <source>Camera {source} is on.</source>
        <translation>Camera {source} is on.</translation>
    </message>
    <message>
        <source>End of video {source}.</source>
        <translation>End of video {source}.</translation>
    </message>
    <message>
        <source>Opening camera {source}…</source>
        <translation>Opening camera {source}…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>&amp;Store location ID:</source>
        <translation>&amp;Store location ID:</translation>
    </message>
    <message>
        <source>&amp;Custom-code card IDs (comma-separated):</source>
        <translation>&amp;Custom-code card IDs (comma-separated):</translation>
    </message>
    <message>
        <source>&amp;Terminal name:</source>
        <translation>&amp;Terminal name:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>Sounds:</source>
        <translation>Sounds:</translation>
    </message>
    <message>
        <source>&amp;API address:</source>
        <translation>&amp;API address:</translation>
    </message>
    <message>
        <source>empty: the store is not checked</source>
        <translation>empty: the store is not checked</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>&amp;Mute</translation>
    </message>
    <message>
        <source>Change manager &amp;PIN…</source>
        <translation>Change manager &amp;PIN…</translation>
    </message>
    <message>
        <source>Set manager &amp;PIN…</source>
        <translation>Set manager &amp;PIN…</translation>
    </message>
    <message>
        <source>Replace AppID and AppSecret…</source>
        <translation>Replace AppID and AppSecret…</translation>
    </message>
    <message>
        <source>Reading the system keyring…</source>
        <translation>Reading the system keyring…</translation>
    </message>
    <message>
        <source>No AppID and AppSecret are stored.</source>
        <translation>No AppID and AppSecret are stored.</translation>
    </message>
    <message>
        <source>AppID {appid}; the AppSecret is stored in the system keyring (hidden).</source>
        <translation>AppID {appid}; the AppSecret is stored in the system keyring (hidden).</translation>
    </message>
    <message>
        <source>The settings file could not be written.</source>
        <translation>The settings file could not be written.</translation>
    </message>
</context>
<context>
    <name>SettingsFlow</name>
    <message>
        <source>The new settings could not be applied.</source>
        <translation>The new settings could not be applied.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>The test failed unexpectedly: {error}</source>
        <translation>The test failed unexpectedly: {error}</translation>
    </message>
    <message>
        <source>WeChat saw this counter as IP address {ip}.</source>
        <translation>WeChat saw this counter as IP address {ip}.</translation>
    </message>
    <message>
        <source>(error {errcode})</source>
        <translation>(error {errcode})</translation>
    </message>
    <message>
        <source>Set up pos-app</source>
        <translation>Set up pos-app</translation>
    </message>
    <message>
        <source>Enter the AppID and AppSecret of the merchant&apos;s WeChat Official Account. The AppSecret is kept in the system keyring and never shown again. Without them you can practise in training mode.</source>
        <translation>Enter the AppID and AppSecret of the merchant&apos;s WeChat Official Account. The AppSecret is kept in the system keyring and never shown again. Without them you can practise in training mode.</translation>
    </message>
    <message>
        <source>&amp;AppID:</source>
        <translation>&amp;AppID:</translation>
    </message>
    <message>
        <source>App&amp;Secret:</source>
        <translation>App&amp;Secret:</translation>
    </message>
    <message>
        <source>API &amp;address:</source>
        <translation>API &amp;address:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>Sa&amp;ve</translation>
    </message>
    <message>
        <source>Start t&amp;raining mode</source>
        <translation>Start t&amp;raining mode</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Testing the connection to WeChat…</source>
        <translation>Testing the connection to WeChat…</translation>
    </message>
    <message>
        <source>Connection works: WeChat accepted the AppID and AppSecret.</source>
        <translation>Connection works: WeChat accepted the AppID and AppSecret.</translation>
    </message>
    <message>
        <source>The settings file could not be written.</source>
        <translation>The settings file could not be written.</translation>
    </message>
</context>
<context>
    <name>ShiftFlow</name>
    <message>
        <source>Shift start</source>
        <translation>Shift start</translation>
    </message>
    <message>
        <source>Cashier name:</source>
        <translation>Cashier name:</translation>
    </message>
    <message>
        <source>The shift cannot be closed yet</source>
        <translation>The shift cannot be closed yet</translation>
    </message>
    <message>
        <source>{count} operation(s) have no confirmed outcome yet. WeChat is asked again when the connection is back; a manager may acknowledge them to close the shift now.</source>
        <translation>{count} operation(s) have no confirmed outcome yet. WeChat is asked again when the connection is back; a manager may acknowledge them to close the shift now.</translation>
    </message>
    <message>
        <source>Show them</source>
        <translation>Show them</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Not now</translation>
    </message>
</context>
<context>
    <name>StatsDialog</name>
    <message>
        <source>Coupon statistics from WeChat</source>
        <translation>Coupon statistics from WeChat</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Show</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <source>Issued to customers</source>
        <translation>Issued to customers</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>Gifted to friends</source>
        <translation>Gifted to friends</translation>
    </message>
    <message>
        <source>Asking WeChat…</source>
        <translation>Asking WeChat…</translation>
    </message>
    <message>
        <source>WeChat did not give the statistics: {error}</source>
        <translation>WeChat did not give the statistics: {error}</translation>
    </message>
    <message>
        <source>All coupons</source>
        <translation>All coupons</translation>
    </message>
    <message>
        <source>{begin} to {end}, as WeChat counts them (Beijing time).</source>
        <translation>{begin} to {end}, as WeChat counts them (Beijing time).</translation>
    </message>
    <message>
        <source>WeChat has no coupon activity for these days.</source>
        <translation>WeChat has no coupon activity for these days.</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>TRAINING — nothing is redeemed for real</source>
        <translation>TRAINING — nothing is redeemed for real</translation>
    </message>
</context>
<context>
    <name>chain</name>
    <message>
        <source>Already redeemed at {store}, {counter}, {cashier}, {when}.</source>
        <translation>Already redeemed at {store}, {counter}, {cashier}, {when}.</translation>
    </message>
    <message>
        <source>Already used at {store}, {counter}, {cashier}, {when}.</source>
        <translation>Already used at {store}, {counter}, {cashier}, {when}.</translation>
    </message>
    <message>
        <source>Made unavailable at {store}, {counter}, {cashier}, {when}.</source>
        <translation>Made unavailable at {store}, {counter}, {cashier}, {when}.</translation>
    </message>
    <message>
        <source>a store the hub does not name</source>
        <translation>a store the hub does not name</translation>
    </message>
    <message>
        <source>by {cashier}</source>
        <translation>by {cashier}</translation>
    </message>
    <message>
        <source>cashier not known yet</source>
        <translation>cashier not known yet</translation>
    </message>
    <message>
        <source>counter not known</source>
        <translation>counter not known</translation>
    </message>
    <message>
        <source>counter {name}</source>
        <translation>counter {name}</translation>
    </message>
    <message>
        <source>time not known</source>
        <translation>time not known</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Already redeemed</source>
        <translation>Already redeemed</translation>
    </message>
    <message>
        <source>AppID: {appid}</source>
        <translation>AppID: {appid}</translation>
    </message>
    <message>
        <source>AppSecret: stored (hidden)</source>
        <translation>AppSecret: stored (hidden)</translation>
    </message>
    <message>
        <source>CONSUMED — POSSIBLY AT ANOTHER COUNTER</source>
        <translation>CONSUMED — POSSIBLY AT ANOTHER COUNTER</translation>
    </message>
    <message>
        <source>Cannot start the simulator: {error}</source>
        <translation>Cannot start the simulator: {error}</translation>
    </message>
    <message>
        <source>Cannot use {path}: {error}. Check the data folder (POS_APP_DATA_DIR) and its permissions.</source>
        <translation>Cannot use {path}: {error}. Check the data folder (POS_APP_DATA_DIR) and its permissions.</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Chain</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <source>Credentials removed from the keyring.</source>
        <translation>Credentials removed from the keyring.</translation>
    </message>
    <message>
        <source>Credentials saved in the system keyring ({backend}).</source>
        <translation>Credentials saved in the system keyring ({backend}).</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Gifted</source>
        <translation>Gifted</translation>
    </message>
    <message>
        <source>Give --appid and --secret-stdin (the secret is read from standard input).</source>
        <translation>Give --appid and --secret-stdin (the secret is read from standard input).</translation>
    </message>
    <message>
        <source>Give the value to set.</source>
        <translation>Give the value to set.</translation>
    </message>
    <message>
        <source>Internal error: {error}. Please report this problem.</source>
        <translation>Internal error: {error}. Please report this problem.</translation>
    </message>
    <message>
        <source>Invalid code</source>
        <translation>Invalid code</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Keyring: {backend}</source>
        <translation>Keyring: {backend}</translation>
    </message>
    <message>
        <source>MADE UNAVAILABLE</source>
        <translation>MADE UNAVAILABLE</translation>
    </message>
    <message>
        <source>Made unavailable — but the record could not be written: {error}. It is recorded at the next start.</source>
        <translation>Made unavailable — but the record could not be written: {error}. It is recorded at the next start.</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>Member card</translation>
    </message>
    <message>
        <source>NOT CONFIRMED YET</source>
        <translation>NOT CONFIRMED YET</translation>
    </message>
    <message>
        <source>NOT MADE UNAVAILABLE</source>
        <translation>NOT MADE UNAVAILABLE</translation>
    </message>
    <message>
        <source>NOT REDEEMED</source>
        <translation>NOT REDEEMED</translation>
    </message>
    <message>
        <source>Name a setting: {keys}</source>
        <translation>Name a setting: {keys}</translation>
    </message>
    <message>
        <source>No credentials are stored.</source>
        <translation>No credentials are stored.</translation>
    </message>
    <message>
        <source>Not at this store</source>
        <translation>Not at this store</translation>
    </message>
    <message>
        <source>Not yet valid</source>
        <translation>Not yet valid</translation>
    </message>
    <message>
        <source>REDEEMED</source>
        <translation>REDEEMED</translation>
    </message>
    <message>
        <source>Redeemable</source>
        <translation>Redeemable</translation>
    </message>
    <message>
        <source>Redeemed here at {time} by {cashier}, terminal {terminal}</source>
        <translation>Redeemed here at {time} by {cashier}, terminal {terminal}</translation>
    </message>
    <message>
        <source>Redeemed — but the record could not be written: {error}. It is recorded at the next start.</source>
        <translation>Redeemed — but the record could not be written: {error}. It is recorded at the next start.</translation>
    </message>
    <message>
        <source>Settled an earlier operation: {what}</source>
        <translation>Settled an earlier operation: {what}</translation>
    </message>
    <message>
        <source>The AppID and the AppSecret must not be empty.</source>
        <translation>The AppID and the AppSecret must not be empty.</translation>
    </message>
    <message>
        <source>The answer from WeChat was lost: checking the coupon again (at most {seconds} s)…</source>
        <translation>The answer from WeChat was lost: checking the coupon again (at most {seconds} s)…</translation>
    </message>
    <message>
        <source>The record of this answer could not be written: {error}.</source>
        <translation>The record of this answer could not be written: {error}.</translation>
    </message>
    <message>
        <source>Training starts afresh: removed {files}.</source>
        <translation>Training starts afresh: removed {files}.</translation>
    </message>
    <message>
        <source>Training was already fresh: nothing to remove.</source>
        <translation>Training was already fresh: nothing to remove.</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>Unavailable</translation>
    </message>
    <message>
        <source>Unknown card type</source>
        <translation>Unknown card type</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>reset only applies to training: pos-app --demo reset</source>
        <translation>reset only applies to training: pos-app --demo reset</translation>
    </message>
</context>
<context>
    <name>gui_entry</name>
    <message>
        <source>No display: the window needs a desktop (X11 or Wayland). Over SSH or in a container use the commands (pos-app --help), or check the installation with pos-app --self-test.</source>
        <translation>No display: the window needs a desktop (X11 or Wayland). Over SSH or in a container use the commands (pos-app --help), or check the installation with pos-app --self-test.</translation>
    </message>
    <message>
        <source>Unexpected problem</source>
        <translation>Unexpected problem</translation>
    </message>
    <message>
        <source>Something went wrong in the app. Your last operation is in the journal. If it happens again, tell the manager.</source>
        <translation>Something went wrong in the app. Your last operation is in the journal. If it happens again, tell the manager.</translation>
    </message>
</context>
<context>
    <name>hub</name>
    <message>
        <source>Alert: counter {terminal} of store {store} is locked out since {at}: its journal went backwards or was replaced ({reason}); the hub keeps the {rows} rows it received.</source>
        <translation>Alert: counter {terminal} of store {store} is locked out since {at}: its journal went backwards or was replaced ({reason}); the hub keeps the {rows} rows it received.</translation>
    </message>
    <message>
        <source>Connected to the hub as terminal {terminal} of store {store}. The credential is in the keyring.</source>
        <translation>Connected to the hub as terminal {terminal} of store {store}. The credential is in the keyring.</translation>
    </message>
    <message>
        <source>Demo hub (private PostgreSQL, simulated WeChat) at {url}</source>
        <translation>Demo hub (private PostgreSQL, simulated WeChat) at {url}</translation>
    </message>
    <message>
        <source>Enrolment code for terminal {terminal} of store {store}: {code}</source>
        <translation>Enrolment code for terminal {terminal} of store {store}: {code}</translation>
    </message>
    <message>
        <source>Hub serving at {url} (Ctrl+C stops it)</source>
        <translation>Hub serving at {url} (Ctrl+C stops it)</translation>
    </message>
    <message>
        <source>Journal shipped: the hub holds rows 1 to {acked} of {total}.</source>
        <translation>Journal shipped: the hub holds rows 1 to {acked} of {total}.</translation>
    </message>
    <message>
        <source>No database: pass --database postgresql://… or set POS_APP_HUB_DATABASE.</source>
        <translation>No database: pass --database postgresql://… or set POS_APP_HUB_DATABASE.</translation>
    </message>
    <message>
        <source>Store {store} may redeem: {cards}</source>
        <translation>Store {store} may redeem: {cards}</translation>
    </message>
    <message>
        <source>Terminal {terminal} is locked out.</source>
        <translation>Terminal {terminal} is locked out.</translation>
    </message>
    <message>
        <source>Terminal {terminal} of store {store}: enrolment code {code} (valid 24 hours, once). On the counter run:</source>
        <translation>Terminal {terminal} of store {store}: enrolment code {code} (valid 24 hours, once). On the counter run:</translation>
    </message>
    <message>
        <source>The demo needs PostgreSQL&apos;s server binaries (Debian: apt install postgresql).</source>
        <translation>The demo needs PostgreSQL&apos;s server binaries (Debian: apt install postgresql).</translation>
    </message>
    <message>
        <source>The hub cannot be reached: {error}</source>
        <translation>The hub cannot be reached: {error}</translation>
    </message>
    <message>
        <source>The hub refused the enrolment code: {error}</source>
        <translation>The hub refused the enrolment code: {error}</translation>
    </message>
    <message>
        <source>The hub refused the journal upload: {error}</source>
        <translation>The hub refused the journal upload: {error}</translation>
    </message>
    <message>
        <source>The hub refuses this address for {minutes} min: too many failed attempts (wrong codes or credentials). Try again then; if this counter did not make them, tell head office.</source>
        <translation>The hub refuses this address for {minutes} min: too many failed attempts (wrong codes or credentials). Try again then; if this counter did not make them, tell head office.</translation>
    </message>
    <message>
        <source>The hub&apos;s AppID and AppSecret are stored in this server&apos;s keyring.</source>
        <translation>The hub&apos;s AppID and AppSecret are stored in this server&apos;s keyring.</translation>
    </message>
    <message>
        <source>The hub&apos;s database cannot be reached: {error}</source>
        <translation>The hub&apos;s database cannot be reached: {error}</translation>
    </message>
    <message>
        <source>There is no terminal named {terminal}.</source>
        <translation>There is no terminal named {terminal}.</translation>
    </message>
    <message>
        <source>This counter is not connected to a hub. Run `pos-app connect HUB_URL --code CODE`.</source>
        <translation>This counter is not connected to a hub. Run `pos-app connect HUB_URL --code CODE`.</translation>
    </message>
    <message>
        <source>every card</source>
        <translation>every card</translation>
    </message>
    <message>
        <source>made unavailable at {store}, counter {terminal}, by {cashier}, {time}</source>
        <translation>made unavailable at {store}, counter {terminal}, by {cashier}, {time}</translation>
    </message>
    <message>
        <source>made unavailable at {store}, counter {terminal}, {time}</source>
        <translation>made unavailable at {store}, counter {terminal}, {time}</translation>
    </message>
    <message>
        <source>not a date (YYYY-MM-DD): {value}</source>
        <translation>not a date (YYYY-MM-DD): {value}</translation>
    </message>
    <message>
        <source>redeemed at {store}, counter {terminal}, by {cashier}, {time}</source>
        <translation>redeemed at {store}, counter {terminal}, by {cashier}, {time}</translation>
    </message>
    <message>
        <source>redeemed at {store}, counter {terminal}, {time}</source>
        <translation>redeemed at {store}, counter {terminal}, {time}</translation>
    </message>
    <message>
        <source>store {store}: {count} redemptions, {value}</source>
        <translation>store {store}: {count} redemptions, {value}</translation>
    </message>
    <message>
        <source>{count} redemptions, face value {value}, {since} to {until} ({tz})</source>
        <translation>{count} redemptions, face value {value}, {since} to {until} ({tz})</translation>
    </message>
</context>
<context>
    <name>hub_web</name>
    <message>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>All stores</translation>
    </message>
    <message>
        <source>By cashier</source>
        <translation>By cashier</translation>
    </message>
    <message>
        <source>By counter</source>
        <translation>By counter</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>By day</translation>
    </message>
    <message>
        <source>By store</source>
        <translation>By store</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Counters whose journal went backwards or was replaced</source>
        <translation>Counters whose journal went backwards or was replaced</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <source>Dates are written YYYY-MM-DD, and From comes before To.</source>
        <translation>Dates are written YYYY-MM-DD, and From comes before To.</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Days in time zone {tz}</source>
        <translation>Days in time zone {tz}</translation>
    </message>
    <message>
        <source>Each counter is locked out. The hub keeps every row it received; enrolling the counter again after checking it keeps them under NAME~date and lets the counter ship its journal afresh.</source>
        <translation>Each counter is locked out. The hub keeps every row it received; enrolling the counter again after checking it keeps them under NAME~date and lets the counter ship its journal afresh.</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <source>Face value</source>
        <translation>Face value</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Found</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Head office</source>
        <translation>Head office</translation>
    </message>
    <message>
        <source>Known from</source>
        <translation>Known from</translation>
    </message>
    <message>
        <source>No counter of the chain has seen this code.</source>
        <translation>No counter of the chain has seen this code.</translation>
    </message>
    <message>
        <source>No redemptions in this period.</source>
        <translation>No redemptions in this period.</translation>
    </message>
    <message>
        <source>Not redeemed anywhere in the chain.</source>
        <translation>Not redeemed anywhere in the chain.</translation>
    </message>
    <message>
        <source>Nothing is unresolved.</source>
        <translation>Nothing is unresolved.</translation>
    </message>
    <message>
        <source>Operations whose outcome is not known yet</source>
        <translation>Operations whose outcome is not known yet</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Redemptions</source>
        <translation>Redemptions</translation>
    </message>
    <message>
        <source>Redemptions per day</source>
        <translation>Redemptions per day</translation>
    </message>
    <message>
        <source>Rows on the hub</source>
        <translation>Rows on the hub</translation>
    </message>
    <message>
        <source>Search a code</source>
        <translation>Search a code</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>The hub&apos;s database cannot be reached. Try again in a moment.</source>
        <translation>The hub&apos;s database cannot be reached. Try again in a moment.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Unresolved</source>
        <translation>Unresolved</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>another journal presents itself as this counter: cloned or replaced</source>
        <translation>another journal presents itself as this counter: cloned or replaced</translation>
    </message>
    <message>
        <source>consumed, possibly at another counter</source>
        <translation>consumed, possibly at another counter</translation>
    </message>
    <message>
        <source>counter&apos;s journal</source>
        <translation>counter&apos;s journal</translation>
    </message>
    <message>
        <source>hub (answer from WeChat lost)</source>
        <translation>hub (answer from WeChat lost)</translation>
    </message>
    <message>
        <source>its journal holds other rows than before (row {seen} differs): restored or copied</source>
        <translation>its journal holds other rows than before (row {seen} differs): restored or copied</translation>
    </message>
    <message>
        <source>its journal went back: it ends at row {counter}, but it had reached row {seen}</source>
        <translation>its journal went back: it ends at row {counter}, but it had reached row {seen}</translation>
    </message>
    <message>
        <source>lookup</source>
        <translation>lookup</translation>
    </message>
    <message>
        <source>made unavailable</source>
        <translation>made unavailable</translation>
    </message>
    <message>
        <source>make unavailable</source>
        <translation>make unavailable</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>not done</translation>
    </message>
    <message>
        <source>not redeemable</source>
        <translation>not redeemable</translation>
    </message>
    <message>
        <source>redeem</source>
        <translation>redeem</translation>
    </message>
    <message>
        <source>redeemable</source>
        <translation>redeemable</translation>
    </message>
    <message>
        <source>redeemed</source>
        <translation>redeemed</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <source>sent, answer awaited</source>
        <translation>sent, answer awaited</translation>
    </message>
    <message>
        <source>unknown yet</source>
        <translation>unknown yet</translation>
    </message>
    <message>
        <source>{count} counter(s) locked out: their journal went backwards or was replaced. See Unresolved.</source>
        <translation>{count} counter(s) locked out: their journal went backwards or was replaced. See Unresolved.</translation>
    </message>
    <message>
        <source>{count} redemptions worth {value} from {since} to {until}</source>
        <translation>{count} redemptions worth {value} from {since} to {until}</translation>
    </message>
</context>
<context>
    <name>journal</name>
    <message>
        <source>--since is after --until</source>
        <translation>--since is after --until</translation>
    </message>
    <message>
        <source>Acknowledged by {manager}. The operation stays listed until it is resolved.</source>
        <translation>Acknowledged by {manager}. The operation stays listed until it is resolved.</translation>
    </message>
    <message>
        <source>By cashier</source>
        <translation>By cashier</translation>
    </message>
    <message>
        <source>By coupon</source>
        <translation>By coupon</translation>
    </message>
    <message>
        <source>By hour</source>
        <translation>By hour</translation>
    </message>
    <message>
        <source>By outcome</source>
        <translation>By outcome</translation>
    </message>
    <message>
        <source>Cashier: {cashier}</source>
        <translation>Cashier: {cashier}</translation>
    </message>
    <message>
        <source>Journal intact: {rows} rows. Last row hash: {head}</source>
        <translation>Journal intact: {rows} rows. Last row hash: {head}</translation>
    </message>
    <message>
        <source>Journal: {rows} rows, last row hash {head}</source>
        <translation>Journal: {rows} rows, last row hash {head}</translation>
    </message>
    <message>
        <source>Making {code} ({title}) unavailable at {time} did NOT go through: it was not made unavailable.</source>
        <translation>Making {code} ({title}) unavailable at {time} did NOT go through: it was not made unavailable.</translation>
    </message>
    <message>
        <source>Making {code} ({title}) unavailable at {time} went through: it IS unavailable.</source>
        <translation>Making {code} ({title}) unavailable at {time} went through: it IS unavailable.</translation>
    </message>
    <message>
        <source>No unresolved operations.</source>
        <translation>No unresolved operations.</translation>
    </message>
    <message>
        <source>Shift report {since} – {until}</source>
        <translation>Shift report {since} – {until}</translation>
    </message>
    <message>
        <source>That operation is already resolved; nothing to acknowledge.</source>
        <translation>That operation is already resolved; nothing to acknowledge.</translation>
    </message>
    <message>
        <source>The journal cannot be read: {error}</source>
        <translation>The journal cannot be read: {error}</translation>
    </message>
    <message>
        <source>The journal has been tampered with or damaged:</source>
        <translation>The journal has been tampered with or damaged:</translation>
    </message>
    <message>
        <source>The redemption of {code} ({title}) at {time} did NOT go through: the coupon was not redeemed.</source>
        <translation>The redemption of {code} ({title}) at {time} did NOT go through: the coupon was not redeemed.</translation>
    </message>
    <message>
        <source>The redemption of {code} ({title}) at {time} went through: the coupon IS redeemed.</source>
        <translation>The redemption of {code} ({title}) at {time} went through: the coupon IS redeemed.</translation>
    </message>
    <message>
        <source>There is no operation with that attempt id.</source>
        <translation>There is no operation with that attempt id.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Unresolved operations (the service&apos;s answer is not known yet):</source>
        <translation>Unresolved operations (the service&apos;s answer is not known yet):</translation>
    </message>
    <message>
        <source>Unresolved operations: {unresolved} ({unacknowledged} not acknowledged by a manager)</source>
        <translation>Unresolved operations: {unresolved} ({unacknowledged} not acknowledged by a manager)</translation>
    </message>
    <message>
        <source>Warning: the journal has been tampered with or replaced:</source>
        <translation>Warning: the journal has been tampered with or replaced:</translation>
    </message>
    <message>
        <source>WeChat says the coupon is now: {status}.</source>
        <translation>WeChat says the coupon is now: {status}.</translation>
    </message>
    <message>
        <source>acknowledged by {manager}</source>
        <translation>acknowledged by {manager}</translation>
    </message>
    <message>
        <source>count  redeemed  redeemed value  face value</source>
        <translation>count  redeemed  redeemed value  face value</translation>
    </message>
    <message>
        <source>date out of range (2000-01-01 to 2999-12-31): {value}</source>
        <translation>date out of range (2000-01-01 to 2999-12-31): {value}</translation>
    </message>
    <message>
        <source>not a date (YYYY-MM-DD): {value}</source>
        <translation>not a date (YYYY-MM-DD): {value}</translation>
    </message>
    <message>
        <source>row {anchored} is missing or is not the row written before (recorded outside the journal): the file was replaced or rewritten</source>
        <translation>row {anchored} is missing or is not the row written before (recorded outside the journal): the file was replaced or rewritten</translation>
    </message>
    <message>
        <source>row {id} does not follow the row before it: rows were removed, inserted or reordered</source>
        <translation>row {id} does not follow the row before it: rows were removed, inserted or reordered</translation>
    </message>
    <message>
        <source>row {id} is unresolved but the journal&apos;s index of settled rows hides it</source>
        <translation>row {id} is unresolved but the journal&apos;s index of settled rows hides it</translation>
    </message>
    <message>
        <source>row {id} was changed after it was written (its content does not match its hash)</source>
        <translation>row {id} was changed after it was written (its content does not match its hash)</translation>
    </message>
    <message>
        <source>row {missing} is missing: rows before row {id} were removed</source>
        <translation>row {missing} is missing: rows before row {id} were removed</translation>
    </message>
    <message>
        <source>rows after row {id} were removed (the journal had {seq} rows)</source>
        <translation>rows after row {id} were removed (the journal had {seq} rows)</translation>
    </message>
    <message>
        <source>the append-only protection of the journal was removed</source>
        <translation>the append-only protection of the journal was removed</translation>
    </message>
    <message>
        <source>the journal ends at row {rows}, but row {anchored} was written before (recorded outside the journal): rows were removed, or the file was emptied, deleted or replaced</source>
        <translation>the journal ends at row {rows}, but row {anchored} was written before (recorded outside the journal): rows were removed, or the file was emptied, deleted or replaced</translation>
    </message>
    <message>
        <source>{amount} off</source>
        <translation>{amount} off</translation>
    </message>
    <message>
        <source>{amount} off orders of {minimum}</source>
        <translation>{amount} off orders of {minimum}</translation>
    </message>
    <message>
        <source>{code} ({title}) at {time}: the coupon is consumed — possibly at another counter. Do not give the discount until a manager has checked which operation redeemed it.</source>
        <translation>{code} ({title}) at {time}: the coupon is consumed — possibly at another counter. Do not give the discount until a manager has checked which operation redeemed it.</translation>
    </message>
    <message>
        <source>{count} earlier operation(s) are not settled yet: a request may still reach WeChat until {time}. They are checked again later.</source>
        <translation>{count} earlier operation(s) are not settled yet: a request may still reach WeChat until {time}. They are checked again later.</translation>
    </message>
    <message>
        <source>{count} earlier operation(s) could not be settled: WeChat did not answer. Do not redeem those coupons another way; they are checked again at the next start or command.</source>
        <translation>{count} earlier operation(s) could not be settled: WeChat did not answer. Do not redeem those coupons another way; they are checked again at the next start or command.</translation>
    </message>
    <message>
        <source>{count} operations written to {path}</source>
        <translation>{count} operations written to {path}</translation>
    </message>
    <message>
        <source>{count} unresolved operation(s) could not be checked with WeChat ({reason}): they are shown as not confirmed yet.</source>
        <translation>{count} unresolved operation(s) could not be checked with WeChat ({reason}): they are shown as not confirmed yet.</translation>
    </message>
    <message>
        <source>{count} unresolved operation(s) could not be checked with WeChat within {seconds} s: they are shown as not confirmed yet.</source>
        <translation>{count} unresolved operation(s) could not be checked with WeChat within {seconds} s: they are shown as not confirmed yet.</translation>
    </message>
    <message>
        <source>{percent}% off</source>
        <translation>{percent}% off</translation>
    </message>
    <message>
        <source>{percent}% off orders of {minimum}</source>
        <translation>{percent}% off orders of {minimum}</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>A reason is required.</source>
        <translation>A reason is required.</translation>
    </message>
    <message>
        <source>Admit: this ticket is valid.</source>
        <translation>Admit: this ticket is valid.</translation>
    </message>
    <message>
        <source>An earlier operation on this coupon is not settled yet: its request may still reach WeChat. Nothing was sent now. Try again in a minute (pos-app journal pending shows it).</source>
        <translation>An earlier operation on this coupon is not settled yet: its request may still reach WeChat. Nothing was sent now. Try again in a minute (pos-app journal pending shows it).</translation>
    </message>
    <message>
        <source>Cannot use {path}: {error}.</source>
        <translation>Cannot use {path}: {error}.</translation>
    </message>
    <message>
        <source>Checked in.</source>
        <translation>Checked in.</translation>
    </message>
    <message>
        <source>Confirming with WeChat… The answer was lost; the coupon&apos;s state is being checked again.</source>
        <translation>Confirming with WeChat… The answer was lost; the coupon&apos;s state is being checked again.</translation>
    </message>
    <message>
        <source>Consumed — possibly at another counter: do not give the discount until checked. Another operation on this coupon is not settled; a manager must check which one redeemed it.</source>
        <translation>Consumed — possibly at another counter: do not give the discount until checked. Another operation on this coupon is not settled; a manager must check which one redeemed it.</translation>
    </message>
    <message>
        <source>Internal error: {error}. Please report this problem.</source>
        <translation>Internal error: {error}. Please report this problem.</translation>
    </message>
    <message>
        <source>Look the coupon up first.</source>
        <translation>Look the coupon up first.</translation>
    </message>
    <message>
        <source>Member card: shown for information only. Member cards are never redeemed here.</source>
        <translation>Member card: shown for information only. Member cards are never redeemed here.</translation>
    </message>
    <message>
        <source>No WeChat credentials are set up. Run `pos-app credentials set --appid ID --secret-stdin`, or use training mode (--demo).</source>
        <translation>No WeChat credentials are set up. Run `pos-app credentials set --appid ID --secret-stdin`, or use training mode (--demo).</translation>
    </message>
    <message>
        <source>No code was entered. Scan or type the coupon code.</source>
        <translation>No code was entered. Scan or type the coupon code.</translation>
    </message>
    <message>
        <source>No connection to WeChat. Check the network; nothing was changed.</source>
        <translation>No connection to WeChat. Check the network; nothing was changed.</translation>
    </message>
    <message>
        <source>No connection to WeChat. Check the network; nothing was redeemed.</source>
        <translation>No connection to WeChat. Check the network; nothing was redeemed.</translation>
    </message>
    <message>
        <source>No password store (keyring) is available on this computer, so the AppSecret cannot be kept safely. On Linux install and unlock a Secret Service (GNOME Keyring or KWallet); on Windows and macOS the system store is used automatically.</source>
        <translation>No password store (keyring) is available on this computer, so the AppSecret cannot be kept safely. On Linux install and unlock a Secret Service (GNOME Keyring or KWallet); on Windows and macOS the system store is used automatically.</translation>
    </message>
    <message>
        <source>Not a valid code for this merchant. Check the code and scan again.</source>
        <translation>Not a valid code for this merchant. Check the code and scan again.</translation>
    </message>
    <message>
        <source>Redeemed.</source>
        <translation>Redeemed.</translation>
    </message>
    <message>
        <source>That coupon link is damaged: scan the coupon again.</source>
        <translation>That coupon link is damaged: scan the coupon again.</translation>
    </message>
    <message>
        <source>That is not a card ID: card IDs have at most 32 letters, digits, _ or -.</source>
        <translation>That is not a card ID: card IDs have at most 32 letters, digits, _ or -.</translation>
    </message>
    <message>
        <source>That is not a coupon code of this merchant: it matches none of the configured code patterns.</source>
        <translation>That is not a coupon code of this merchant: it matches none of the configured code patterns.</translation>
    </message>
    <message>
        <source>That is not a coupon code: codes have at most 20 characters.</source>
        <translation>That is not a coupon code: codes have at most 20 characters.</translation>
    </message>
    <message>
        <source>That is not a coupon code: it contains characters a code cannot have.</source>
        <translation>That is not a coupon code: it contains characters a code cannot have.</translation>
    </message>
    <message>
        <source>That value is not valid for this setting.</source>
        <translation>That value is not valid for this setting.</translation>
    </message>
    <message>
        <source>The AppID must be 1 to 64 letters, digits, _ or - (it starts with wx).</source>
        <translation>The AppID must be 1 to 64 letters, digits, _ or - (it starts with wx).</translation>
    </message>
    <message>
        <source>The AppSecret must be 1 to 256 printable characters of valid UTF-8 text, without spaces.</source>
        <translation>The AppSecret must be 1 to 256 printable characters of valid UTF-8 text, without spaces.</translation>
    </message>
    <message>
        <source>The PIN must be 4 to 8 digits.</source>
        <translation>The PIN must be 4 to 8 digits.</translation>
    </message>
    <message>
        <source>The WeChat address must start with https:// — plain http is allowed only to this computer (127.0.0.0/8, ::1, localhost). Fix the api_base setting or POS_APP_API_BASE.</source>
        <translation>The WeChat address must start with https:// — plain http is allowed only to this computer (127.0.0.0/8, ::1, localhost). Fix the api_base setting or POS_APP_API_BASE.</translation>
    </message>
    <message>
        <source>The answer from WeChat was lost, and the coupon is still unused: it was NOT redeemed. You may try again.</source>
        <translation>The answer from WeChat was lost, and the coupon is still unused: it was NOT redeemed. You may try again.</translation>
    </message>
    <message>
        <source>The answer from WeChat was lost, and the coupon is still usable: it was NOT made unavailable.</source>
        <translation>The answer from WeChat was lost, and the coupon is still usable: it was NOT made unavailable.</translation>
    </message>
    <message>
        <source>The answer from WeChat was lost. The coupon&apos;s state will be checked again before anything else.</source>
        <translation>The answer from WeChat was lost. The coupon&apos;s state will be checked again before anything else.</translation>
    </message>
    <message>
        <source>The answer from WeChat was lost; another operation redeemed this coupon: this one did NOT go through.</source>
        <translation>The answer from WeChat was lost; another operation redeemed this coupon: this one did NOT go through.</translation>
    </message>
    <message>
        <source>The answer from WeChat was lost; this operation did NOT go through.</source>
        <translation>The answer from WeChat was lost; this operation did NOT go through.</translation>
    </message>
    <message>
        <source>The app sent a malformed request. Please report this problem.</source>
        <translation>The app sent a malformed request. Please report this problem.</translation>
    </message>
    <message>
        <source>The connection to WeChat needs to be renewed. Try again.</source>
        <translation>The connection to WeChat needs to be renewed. Try again.</translation>
    </message>
    <message>
        <source>The coupon is now unavailable.</source>
        <translation>The coupon is now unavailable.</translation>
    </message>
    <message>
        <source>The coupon link could not be decrypted. Ask the customer to open the coupon again.</source>
        <translation>The coupon link could not be decrypted. Ask the customer to open the coupon again.</translation>
    </message>
    <message>
        <source>The coupon&apos;s card ID is not valid for this merchant.</source>
        <translation>The coupon&apos;s card ID is not valid for this merchant.</translation>
    </message>
    <message>
        <source>The customer has deleted this coupon.</source>
        <translation>The customer has deleted this coupon.</translation>
    </message>
    <message>
        <source>The daily limit of WeChat requests is used up. Tell the manager.</source>
        <translation>The daily limit of WeChat requests is used up. Tell the manager.</translation>
    </message>
    <message>
        <source>The data folder cannot be written (read-only or no permission): {path}. Check POS_APP_DATA_DIR and its permissions.</source>
        <translation>The data folder cannot be written (read-only or no permission): {path}. Check POS_APP_DATA_DIR and its permissions.</translation>
    </message>
    <message>
        <source>The disk is full (or the file size limit is reached): {path} cannot be written. Free space, then try again.</source>
        <translation>The disk is full (or the file size limit is reached): {path} cannot be written. Free space, then try again.</translation>
    </message>
    <message>
        <source>The disk refused to write {path} (disk error). Check the disk, then try again.</source>
        <translation>The disk refused to write {path} (disk error). Check the disk, then try again.</translation>
    </message>
    <message>
        <source>The holder has deleted this ticket.</source>
        <translation>The holder has deleted this ticket.</translation>
    </message>
    <message>
        <source>The hub refuses sign-ins from this counter&apos;s network for a while: too many failed attempts. Wait 15 minutes and try again; if it happens again, tell the manager.</source>
        <translation>The hub refuses sign-ins from this counter&apos;s network for a while: too many failed attempts. Wait 15 minutes and try again; if it happens again, tell the manager.</translation>
    </message>
    <message>
        <source>The input is not valid UTF-8 text.</source>
        <translation>The input is not valid UTF-8 text.</translation>
    </message>
    <message>
        <source>The journal file is damaged or is not a journal: {path}. Run `pos-app journal verify`.</source>
        <translation>The journal file is damaged or is not a journal: {path}. Run `pos-app journal verify`.</translation>
    </message>
    <message>
        <source>The journal is locked by another program and stayed locked: {path}. Close that program, then try again.</source>
        <translation>The journal is locked by another program and stayed locked: {path}. Close that program, then try again.</translation>
    </message>
    <message>
        <source>The merchant&apos;s AppID or AppSecret is wrong. Ask the manager to check the settings.</source>
        <translation>The merchant&apos;s AppID or AppSecret is wrong. Ask the manager to check the settings.</translation>
    </message>
    <message>
        <source>The merchant&apos;s AppSecret is frozen. Ask the manager to unfreeze or reset it.</source>
        <translation>The merchant&apos;s AppSecret is frozen. Ask the manager to unfreeze or reset it.</translation>
    </message>
    <message>
        <source>The password store (keyring) refused the request. Unlock it and try again.</source>
        <translation>The password store (keyring) refused the request. Unlock it and try again.</translation>
    </message>
    <message>
        <source>The reason may have at most 64 characters.</source>
        <translation>The reason may have at most 64 characters.</translation>
    </message>
    <message>
        <source>The reason must contain visible text.</source>
        <translation>The reason must contain visible text.</translation>
    </message>
    <message>
        <source>The settings file cannot be read; fix or delete it.</source>
        <translation>The settings file cannot be read; fix or delete it.</translation>
    </message>
    <message>
        <source>The settings file holds a value of the wrong kind; fix it with `pos-app config set`, or edit or delete the file.</source>
        <translation>The settings file holds a value of the wrong kind; fix it with `pos-app config set`, or edit or delete the file.</translation>
    </message>
    <message>
        <source>The two PINs are not the same.</source>
        <translation>The two PINs are not the same.</translation>
    </message>
    <message>
        <source>There is no such setting.</source>
        <translation>There is no such setting.</translation>
    </message>
    <message>
        <source>This account has no permission for coupons. Tell the manager.</source>
        <translation>This account has no permission for coupons. Tell the manager.</translation>
    </message>
    <message>
        <source>This account has no permission for this coupon. Tell the manager.</source>
        <translation>This account has no permission for this coupon. Tell the manager.</translation>
    </message>
    <message>
        <source>This counter&apos;s IP address is not on the account&apos;s whitelist. Ask the manager to add it.</source>
        <translation>This counter&apos;s IP address is not on the account&apos;s whitelist. Ask the manager to add it.</translation>
    </message>
    <message>
        <source>This coupon can be redeemed.</source>
        <translation>This coupon can be redeemed.</translation>
    </message>
    <message>
        <source>This coupon has already been redeemed.</source>
        <translation>This coupon has already been redeemed.</translation>
    </message>
    <message>
        <source>This coupon has been given away as a gift and cannot be used by this customer.</source>
        <translation>This coupon has been given away as a gift and cannot be used by this customer.</translation>
    </message>
    <message>
        <source>This coupon has been made unavailable.</source>
        <translation>This coupon has been made unavailable.</translation>
    </message>
    <message>
        <source>This coupon has expired.</source>
        <translation>This coupon has expired.</translation>
    </message>
    <message>
        <source>This coupon is deleted, expired or unavailable.</source>
        <translation>This coupon is deleted, expired or unavailable.</translation>
    </message>
    <message>
        <source>This coupon is not valid yet.</source>
        <translation>This coupon is not valid yet.</translation>
    </message>
    <message>
        <source>This coupon is not within its validity period.</source>
        <translation>This coupon is not within its validity period.</translation>
    </message>
    <message>
        <source>This store may not redeem this coupon (chain rule).</source>
        <translation>This store may not redeem this coupon (chain rule).</translation>
    </message>
    <message>
        <source>This ticket has already been checked in.</source>
        <translation>This ticket has already been checked in.</translation>
    </message>
    <message>
        <source>This ticket has been given away and cannot be used by this holder.</source>
        <translation>This ticket has been given away and cannot be used by this holder.</translation>
    </message>
    <message>
        <source>This ticket has been made unavailable.</source>
        <translation>This ticket has been made unavailable.</translation>
    </message>
    <message>
        <source>This ticket has expired.</source>
        <translation>This ticket has expired.</translation>
    </message>
    <message>
        <source>This ticket is not valid yet.</source>
        <translation>This ticket is not valid yet.</translation>
    </message>
    <message>
        <source>Too many requests this minute. Wait a minute and try again.</source>
        <translation>Too many requests this minute. Wait a minute and try again.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {minutes}:{seconds}.</source>
        <translation>Too many wrong PINs. Try again in {minutes}:{seconds}.</translation>
    </message>
    <message>
        <source>Unknown card type — not redeemed here.</source>
        <translation>Unknown card type — not redeemed here.</translation>
    </message>
    <message>
        <source>WeChat did not answer in time. Nothing was changed; try again.</source>
        <translation>WeChat did not answer in time. Nothing was changed; try again.</translation>
    </message>
    <message>
        <source>WeChat did not answer properly. Try again in a moment.</source>
        <translation>WeChat did not answer properly. Try again in a moment.</translation>
    </message>
    <message>
        <source>WeChat is busy right now. Try again in a moment.</source>
        <translation>WeChat is busy right now. Try again in a moment.</translation>
    </message>
    <message>
        <source>WeChat refused the request (error {errcode}).</source>
        <translation>WeChat refused the request (error {errcode}).</translation>
    </message>
    <message>
        <source>WeChat sent an answer the app does not understand. Try again; if it persists, tell the manager.</source>
        <translation>WeChat sent an answer the app does not understand. Try again; if it persists, tell the manager.</translation>
    </message>
    <message>
        <source>WeChat would accept this coupon, but a condition of the coupon is not met here (see the checks). Redeem anyway only with the manager&apos;s approval (--override).</source>
        <translation>WeChat would accept this coupon, but a condition of the coupon is not met here (see the checks). Redeem anyway only with the manager&apos;s approval (--override).</translation>
    </message>
    <message>
        <source>Wrong PIN. Tries left before a 5-minute lock: {tries}.</source>
        <translation>Wrong PIN. Tries left before a 5-minute lock: {tries}.</translation>
    </message>
    <message>
        <source>api_base is not valid: it must be a web address such as https://api.weixin.qq.com (no user name, query or #).</source>
        <translation>api_base is not valid: it must be a web address such as https://api.weixin.qq.com (no user name, query or #).</translation>
    </message>
    <message>
        <source>custom_card_ids is not valid: at most 20 card IDs separated by commas, each at most 32 letters, digits, _ or -.</source>
        <translation>custom_card_ids is not valid: at most 20 card IDs separated by commas, each at most 32 letters, digits, _ or -.</translation>
    </message>
    <message>
        <source>custom_code_patterns is not valid: at most 20 regular expressions separated by spaces, each at most 100 printable ASCII characters.</source>
        <translation>custom_code_patterns is not valid: at most 20 regular expressions separated by spaces, each at most 100 printable ASCII characters.</translation>
    </message>
    <message>
        <source>store_location_id is not valid: a whole number from 1 to 9223372036854775807 (digits 0-9), or empty.</source>
        <translation>store_location_id is not valid: a whole number from 1 to 9223372036854775807 (digits 0-9), or empty.</translation>
    </message>
    <message>
        <source>terminal_id is not valid: at most 32 visible characters.</source>
        <translation>terminal_id is not valid: at most 32 visible characters.</translation>
    </message>
</context>
<context>
    <name>outcome</name>
    <message>
        <source>consumed_elsewhere</source>
        <translation>consumed_elsewhere</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>invalidated</source>
        <translation>invalidated</translation>
    </message>
    <message>
        <source>not_redeemable</source>
        <translation>not_redeemable</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <source>redeemable</source>
        <translation>redeemable</translation>
    </message>
    <message>
        <source>redeemed</source>
        <translation>redeemed</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refused</translation>
    </message>
</context>
<context>
    <name>rules</name>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>Admission ticket</source>
        <translation>Admission ticket</translation>
    </message>
    <message>
        <source>Applies to: {items}</source>
        <translation>Applies to: {items}</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>Apr</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>Aug</translation>
    </message>
    <message>
        <source>Balance {amount}</source>
        <translation>Balance {amount}</translation>
    </message>
    <message>
        <source>Boarding pass</source>
        <translation>Boarding pass</translation>
    </message>
    <message>
        <source>Bus ticket</source>
        <translation>Bus ticket</translation>
    </message>
    <message>
        <source>Class {value}</source>
        <translation>Class {value}</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <source>Coupon: {detail}</source>
        <translation>Coupon: {detail}</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>Dec</translation>
    </message>
    <message>
        <source>Deduct {amount}</source>
        <translation>Deduct {amount}</translation>
    </message>
    <message>
        <source>Deduct {amount}; customer pays {to_pay}</source>
        <translation>Deduct {amount}; customer pays {to_pay}</translation>
    </message>
    <message>
        <source>Entrance {value}</source>
        <translation>Entrance {value}</translation>
    </message>
    <message>
        <source>Expired on {when}</source>
        <translation>Expired on {when}</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>Feb</translation>
    </message>
    <message>
        <source>Flight {value}</source>
        <translation>Flight {value}</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>Gate {value}</source>
        <translation>Gate {value}</translation>
    </message>
    <message>
        <source>Gift: {gift}</source>
        <translation>Gift: {gift}</translation>
    </message>
    <message>
        <source>Group deal: {deal}</source>
        <translation>Group deal: {deal}</translation>
    </message>
    <message>
        <source>Hall {value}</source>
        <translation>Hall {value}</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>Jan</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>Jul</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>Jun</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>May</source>
        <translation>May</translation>
    </message>
    <message>
        <source>Meeting ticket</source>
        <translation>Meeting ticket</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>Member card</translation>
    </message>
    <message>
        <source>Membership number {number}</source>
        <translation>Membership number {number}</translation>
    </message>
    <message>
        <source>Minimum spend {least}: enter the order total to check</source>
        <translation>Minimum spend {least}: enter the order total to check</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>Movie ticket</source>
        <translation>Movie ticket</translation>
    </message>
    <message>
        <source>Not for: {items}</source>
        <translation>Not for: {items}</translation>
    </message>
    <message>
        <source>Not valid at this hour: valid {schedule}</source>
        <translation>Not valid at this hour: valid {schedule}</translation>
    </message>
    <message>
        <source>Not valid at this store</source>
        <translation>Not valid at this store</translation>
    </message>
    <message>
        <source>Not valid today: valid {schedule}</source>
        <translation>Not valid today: valid {schedule}</translation>
    </message>
    <message>
        <source>Not valid yet: valid from {when}, in {days} days</source>
        <translation>Not valid yet: valid from {when}, in {days} days</translation>
    </message>
    <message>
        <source>Not valid yet: valid from {when}, later today</source>
        <translation>Not valid yet: valid from {when}, later today</translation>
    </message>
    <message>
        <source>Not valid yet: valid from {when}, tomorrow</source>
        <translation>Not valid yet: valid from {when}, tomorrow</translation>
    </message>
    <message>
        <source>Not with other offers: make sure no other discount is used on this order</source>
        <translation>Not with other offers: make sure no other discount is used on this order</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>Nov</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>Oct</translation>
    </message>
    <message>
        <source>Only for: {items}</source>
        <translation>Only for: {items}</translation>
    </message>
    <message>
        <source>Order {total} is below the minimum spend of {least} (missing {missing})</source>
        <translation>Order {total} is below the minimum spend of {least} (missing {missing})</translation>
    </message>
    <message>
        <source>Order {total} reaches the minimum spend of {least}</source>
        <translation>Order {total} reaches the minimum spend of {least}</translation>
    </message>
    <message>
        <source>Points {points}</source>
        <translation>Points {points}</translation>
    </message>
    <message>
        <source>Route {value}</source>
        <translation>Route {value}</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>Seat {value}</source>
        <translation>Seat {value}</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>Sep</translation>
    </message>
    <message>
        <source>Session {value}</source>
        <translation>Session {value}</translation>
    </message>
    <message>
        <source>Session {when}</source>
        <translation>Session {when}</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>The merchant deleted this card ({status}): redeem only with a manager&apos;s override</source>
        <translation>The merchant deleted this card ({status}): redeem only with a manager&apos;s override</translation>
    </message>
    <message>
        <source>This card is not approved by WeChat yet ({status}): redeem only with a manager&apos;s override</source>
        <translation>This card is not approved by WeChat yet ({status}): redeem only with a manager&apos;s override</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Time limits this app cannot read: check the coupon&apos;s terms ({schedule})</source>
        <translation>Time limits this app cannot read: check the coupon&apos;s terms ({schedule})</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>Unknown card type ({type}) — not redeemed here</source>
        <translation>Unknown card type ({type}) — not redeemed here</translation>
    </message>
    <message>
        <source>Valid at all stores</source>
        <translation>Valid at all stores</translation>
    </message>
    <message>
        <source>Valid at some stores only: this counter&apos;s store ID is not set in Settings</source>
        <translation>Valid at some stores only: this counter&apos;s store ID is not set in Settings</translation>
    </message>
    <message>
        <source>Valid at this store</source>
        <translation>Valid at this store</translation>
    </message>
    <message>
        <source>Valid at this time ({schedule})</source>
        <translation>Valid at this time ({schedule})</translation>
    </message>
    <message>
        <source>Valid on public holidays: check whether today is one ({schedule})</source>
        <translation>Valid on public holidays: check whether today is one ({schedule})</translation>
    </message>
    <message>
        <source>Valid until {time} today, last day</source>
        <translation>Valid until {time} today, last day</translation>
    </message>
    <message>
        <source>Valid until {when}, 1 day left</source>
        <translation>Valid until {when}, 1 day left</translation>
    </message>
    <message>
        <source>Valid until {when}, {days} days left</source>
        <translation>Valid until {when}, {days} days left</translation>
    </message>
    <message>
        <source>Valid, no end date</source>
        <translation>Valid, no end date</translation>
    </message>
    <message>
        <source>WeChat deleted this card ({status}): redeem only with a manager&apos;s override</source>
        <translation>WeChat deleted this card ({status}): redeem only with a manager&apos;s override</translation>
    </message>
    <message>
        <source>WeChat&apos;s review rejected this card ({status}): redeem only with a manager&apos;s override</source>
        <translation>WeChat&apos;s review rejected this card ({status}): redeem only with a manager&apos;s override</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>Zone {value}</source>
        <translation>Zone {value}</translation>
    </message>
    <message>
        <source>public holidays</source>
        <translation>public holidays</translation>
    </message>
    <message>
        <source>{amount} off</source>
        <translation>{amount} off</translation>
    </message>
    <message>
        <source>{amount} off orders of {least} or more</source>
        <translation>{amount} off orders of {least} or more</translation>
    </message>
    <message>
        <source>{days} all day</source>
        <translation>{days} all day</translation>
    </message>
    <message>
        <source>{days} {hours}</source>
        <translation>{days} {hours}</translation>
    </message>
    <message>
        <source>{day} {month} {time}</source>
        <translation>{day} {month} {time}</translation>
    </message>
    <message>
        <source>{day} {month} {year} {time}</source>
        <translation>{day} {month} {year} {time}</translation>
    </message>
    <message>
        <source>{percent}% off</source>
        <translation>{percent}% off</translation>
    </message>
    <message>
        <source>{percent}% off orders of {least} or more</source>
        <translation>{percent}% off orders of {least} or more</translation>
    </message>
    <message>
        <source>{when} {zone}</source>
        <translation>{when} {zone}</translation>
    </message>
</context>
<context>
    <name>sounds</name>
    <message>
        <source>Sounds are off: this computer&apos;s audio library could not be loaded (on Linux install the libpulse0 package). Everything else works.</source>
        <translation>Sounds are off: this computer&apos;s audio library could not be loaded (on Linux install the libpulse0 package). Everything else works.</translation>
    </message>
    <message>
        <source>No speaker or headphones found: the app stays silent until one is connected.</source>
        <translation>No speaker or headphones found: the app stays silent until one is connected.</translation>
    </message>
</context>
<context>
    <name>stats</name>
    <message>
        <source>All coupons, per day</source>
        <translation>All coupons, per day</translation>
    </message>
    <message>
        <source>Dates are written YYYY-MM-DD, for example 2026-11-30.</source>
        <translation>Dates are written YYYY-MM-DD, for example 2026-11-30.</translation>
    </message>
    <message>
        <source>Issued = coupons customers received. WeChat&apos;s figures, updated daily; today is never included.</source>
        <translation>Issued = coupons customers received. WeChat&apos;s figures, updated daily; today is never included.</translation>
    </message>
    <message>
        <source>Member cards, per day</source>
        <translation>Member cards, per day</translation>
    </message>
    <message>
        <source>No statistics for this range.</source>
        <translation>No statistics for this range.</translation>
    </message>
    <message>
        <source>Per coupon, per day</source>
        <translation>Per coupon, per day</translation>
    </message>
    <message>
        <source>Per coupon, whole range</source>
        <translation>Per coupon, whole range</translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation>The start date is after the end date.</translation>
    </message>
    <message>
        <source>This customer has {count} more of our coupons: {titles}</source>
        <translation>This customer has {count} more of our coupons: {titles}</translation>
    </message>
    <message>
        <source>WeChat gives statistics for at most 62 days at a time; this range has {days}.</source>
        <translation>WeChat gives statistics for at most 62 days at a time; this range has {days}.</translation>
    </message>
    <message>
        <source>WeChat has no statistics for today or later (Beijing time): the last day you can ask for is {last}.</source>
        <translation>WeChat has no statistics for today or later (Beijing time): the last day you can ask for is {last}.</translation>
    </message>
    <message>
        <source>WeChat statistics {begin} – {end}</source>
        <translation>WeChat statistics {begin} – {end}</translation>
    </message>
    <message>
        <source>activated</source>
        <translation>activated</translation>
    </message>
    <message>
        <source>coupon</source>
        <translation>coupon</translation>
    </message>
    <message>
        <source>date</source>
        <translation>date</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expired</translation>
    </message>
    <message>
        <source>gifted</source>
        <translation>gifted</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>issued</translation>
    </message>
    <message>
        <source>members</source>
        <translation>members</translation>
    </message>
    <message>
        <source>received</source>
        <translation>received</translation>
    </message>
    <message>
        <source>redeemed</source>
        <translation>redeemed</translation>
    </message>
    <message>
        <source>views</source>
        <translation>views</translation>
    </message>
    <message>
        <source>{title} (no end date)</source>
        <translation>{title} (no end date)</translation>
    </message>
    <message>
        <source>{title} (until {when})</source>
        <translation>{title} (until {when})</translation>
    </message>
</context>
</TS>
