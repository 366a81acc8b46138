<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Catalog</name>
    <message>
        <source>All cities</source>
        <translation>全部城市</translation>
    </message>
    <message>
        <source>All capabilities</source>
        <translation>全部装备能力</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>Connection lost — reconnecting in %1 s</source>
        <translation>连接中断 — %1 秒后重新连接</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
</context>
<context>
    <name>CreateIncidentDialog</name>
    <message>
        <source>New incident</source>
        <translation>新建警情</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>警情类型</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>警情等级</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>e.g. 37.87000</source>
        <translation>例如 37.87000</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>e.g. 112.55000</source>
        <translation>例如 112.55000</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Street, building, landmark</source>
        <translation>街道、建筑、地标</translation>
    </message>
    <message>
        <source>Caller notes</source>
        <translation>报警人描述</translation>
    </message>
    <message>
        <source>What the caller reports: people trapped, hazards, access</source>
        <translation>报警人所述：被困人员、危险源、通行情况</translation>
    </message>
    <message>
        <source>Create incident</source>
        <translation>创建警情</translation>
    </message>
</context>
<context>
    <name>DrillBanner</name>
    <message>
        <source>DRILL %1 — a replay for training, not live operations · drill time %2</source>
        <translation>演练 %1 — 训练回放，非实战 · 演练时间 %2</translation>
    </message>
    <message>
        <source>DRILL %1 — a replay for training, not live operations</source>
        <translation>演练 %1 — 训练回放，非实战</translation>
    </message>
</context>
<context>
    <name>DrillBar</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>To the next thing that happened</source>
        <translation>跳到下一个事件</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>%1 · %2 · level %3</source>
        <translation>%1 · %2 · %3级</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>已移交</translation>
    </message>
    <message>
        <source>Hand over to trainees</source>
        <translation>移交学员处置</translation>
    </message>
    <message>
        <source>From now on the trainees decide for %1</source>
        <translation>从现在起由学员处置 %1</translation>
    </message>
    <message>
        <source>Select an incident to hand over</source>
        <translation>请选择要移交的警情</translation>
    </message>
    <message>
        <source>Control: %1</source>
        <translation>控制：%1</translation>
    </message>
    <message>
        <source>Control: free</source>
        <translation>控制：空闲</translation>
    </message>
</context>
<context>
    <name>IncidentDelegate</name>
    <message numerus="yes">
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n 个单位</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IncidentDetailPane</name>
    <message>
        <source>Incident detail</source>
        <translation>警情详情</translation>
    </message>
    <message>
        <source>Select an incident in the list or on the map</source>
        <translation>请在列表或地图上选择警情</translation>
    </message>
    <message>
        <source>%1 N, %2 E · received %3</source>
        <translation>北纬 %1，东经 %2 · 接警 %3</translation>
    </message>
    <message>
        <source>Caller: %1</source>
        <translation>报警人：%1</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Under control</source>
        <translation>已控制</translation>
    </message>
    <message>
        <source>Close incident</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Release all</source>
        <translation>全部撤回</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>处置时间线</translation>
    </message>
    <message>
        <source>Units on this incident</source>
        <translation>本警情出动力量</translation>
    </message>
    <message>
        <source>None yet: select units on the board and dispatch them.</source>
        <translation>暂无：请在力量状态板上选择单位并调派。</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>警情记录</translation>
    </message>
</context>
<context>
    <name>IncidentList</name>
    <message>
        <source>Incidents</source>
        <translation>警情</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 起未结案</translation>
    </message>
    <message>
        <source>No incidents</source>
        <translation>暂无警情</translation>
    </message>
</context>
<context>
    <name>LayerToggles</name>
    <message>
        <source>Stations</source>
        <translation>消防站</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>地面力量</translation>
    </message>
    <message>
        <source>Aircraft</source>
        <translation>航空器</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>警情</translation>
    </message>
    <message>
        <source>Water sources</source>
        <translation>水源</translation>
    </message>
</context>
<context>
    <name>LevelBadge</name>
    <message>
        <source>Alarm level %1</source>
        <translation>警情等级 %1 级</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Flameblue dispatch console — %1</source>
        <translation>火焰蓝调度台 — %1</translation>
    </message>
    <message>
        <source>Click the map where the incident is</source>
        <translation>请在地图上点击警情位置</translation>
    </message>
    <message>
        <source>Enter coordinates</source>
        <translation>输入坐标</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MapPlaceholder</name>
    <message>
        <source>The map is not available in this build.
%1 stations, %2 units, %3 aircraft, %4 incidents</source>
        <translation>本版本未包含地图。
消防站 %1 个，地面力量 %2 个，航空器 %3 架，警情 %4 起</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>NotesView</name>
    <message>
        <source>Add a note…</source>
        <translation>添加记录…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加记录</translation>
    </message>
</context>
<context>
    <name>RecommendationPanel</name>
    <message>
        <source>Recommendation</source>
        <translation>调派推荐</translation>
    </message>
    <message>
        <source>Select an incident to see its recommended response.</source>
        <translation>选择警情以查看推荐的调派方案。</translation>
    </message>
    <message>
        <source>No recommendation available</source>
        <translation>暂无推荐方案</translation>
    </message>
    <message>
        <source>No recommendation available: this server does not offer recommendations.</source>
        <translation>暂无推荐方案：该服务器不提供调派推荐。</translation>
    </message>
    <message>
        <source>Working out the recommended response…</source>
        <translation>正在计算推荐调派方案…</translation>
    </message>
    <message>
        <source>No recommendation available: %1</source>
        <translation>暂无推荐方案：%1</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Dispatch ticked (%1)</source>
        <translation>调派勾选（%1）</translation>
    </message>
    <message>
        <source>Dispatch all (%1)</source>
        <translation>全部调派（%1）</translation>
    </message>
    <message>
        <source>Nothing more is needed: the units on this incident cover its run card.</source>
        <translation>无需增派：本警情已出动力量满足出动方案。</translation>
    </message>
</context>
<context>
    <name>RecommendationSlot</name>
    <message>
        <source>%1 (air)</source>
        <translation>%1（航空）</translation>
    </message>
    <message>
        <source>no unit</source>
        <translation>无可用力量</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>备选：%1</translation>
    </message>
</context>
<context>
    <name>SessionBadge</name>
    <message>
        <source>DRILL %1</source>
        <translation>演练 %1</translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation>实战</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>Flameblue</source>
        <translation>火焰蓝</translation>
    </message>
    <message>
        <source>Connected to %1 · event %2</source>
        <translation>已连接 %1 · 事件 %2</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>New incident</source>
        <translation>新建警情</translation>
    </message>
    <message>
        <source>Operator: %1</source>
        <translation>调度员：%1</translation>
    </message>
</context>
<context>
    <name>UnitBoard</name>
    <message>
        <source>Unit status board</source>
        <translation>力量状态板</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>显示 %1 个</translation>
    </message>
    <message>
        <source>Ground units (%1)</source>
        <translation>地面力量（%1）</translation>
    </message>
    <message>
        <source>Aircraft (%1)</source>
        <translation>航空器（%1）</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>待命</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已调派</translation>
    </message>
    <message>
        <source>En route</source>
        <translation>出动途中</translation>
    </message>
    <message>
        <source>On scene</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>Returning</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Callsign, name or station</source>
        <translation>呼号、名称或消防站</translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) selected for %1</source>
        <translation>
            <numerusform>已选 %n 个单位，调派至 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) selected; select an incident</source>
        <translation>
            <numerusform>已选 %n 个单位；请选择警情</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>调派</translation>
    </message>
</context>
<context>
    <name>UnitDelegate</name>
    <message>
        <source>crew %1/%2</source>
        <translation>在岗 %1/%2 人</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>执行 %1</translation>
    </message>
    <message>
        <source>no current fix: shown at its station</source>
        <translation>无有效定位：显示于所属消防站</translation>
    </message>
    <message>
        <source>fix %1</source>
        <translation>定位 %1</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>更改状态</translation>
    </message>
    <message>
        <source>Set %1</source>
        <translation>设为%1</translation>
    </message>
    <message>
        <source>at its station</source>
        <translation>在站</translation>
    </message>
</context>
<context>
    <name>flameblue::console::ConsoleController</name>
    <message>
        <source>Choose the incident type.</source>
        <translation>请选择警情类型。</translation>
    </message>
    <message>
        <source>The alarm level must be from %1 to %2.</source>
        <translation>警情等级须为 %1 至 %2 级。</translation>
    </message>
    <message>
        <source>The position %1, %2 is not a valid coordinate.</source>
        <translation>位置 %1, %2 不是有效坐标。</translation>
    </message>
    <message>
        <source>Select an incident first.</source>
        <translation>请先选择警情。</translation>
    </message>
    <message>
        <source>Select the units to dispatch.</source>
        <translation>请选择要调派的单位。</translation>
    </message>
    <message>
        <source>Unknown incident %1.</source>
        <translation>未知警情 %1。</translation>
    </message>
    <message>
        <source>The incident is already at the highest level (%1).</source>
        <translation>该警情已是最高等级（%1 级）。</translation>
    </message>
    <message>
        <source>The note is empty.</source>
        <translation>记录内容为空。</translation>
    </message>
    <message>
        <source>Create incident</source>
        <translation>创建警情</translation>
    </message>
    <message>
        <source>Update incident</source>
        <translation>更新警情</translation>
    </message>
    <message>
        <source>Incident status</source>
        <translation>警情状态</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加记录</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>调派</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Unit status</source>
        <translation>单位状态</translation>
    </message>
    <message>
        <source>Incident %1 created.</source>
        <translation>警情 %1 已创建。</translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) dispatched.</source>
        <translation>
            <numerusform>已调派 %n 个单位。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) released.</source>
        <translation>
            <numerusform>已撤回 %n 个单位。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: done.</source>
        <translation>%1：已完成。</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1被拒绝：%2</translation>
    </message>
    <message>
        <source>There is no recommendation to dispatch.</source>
        <translation>没有可调派的推荐方案。</translation>
    </message>
</context>
<context>
    <name>flameblue::console::DispatchConnection</name>
    <message>
        <source>stream ended (code %1)</source>
        <translation>数据流中断（代码 %1）</translation>
    </message>
    <message>
        <source>not connected to a server</source>
        <translation>未连接服务器</translation>
    </message>
</context>
<context>
    <name>flameblue::console::DrillControl</name>
    <message>
        <source>The server has no drill %1.</source>
        <translation>服务器上没有演练 %1。</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 被拒绝：%2</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Release control</source>
        <translation>释放控制</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Seek</source>
        <translation>跳转</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>移交</translation>
    </message>
</context>
<context>
    <name>flameblue::console::IncidentDetail</name>
    <message>
        <source>Alarm received</source>
        <translation>接警</translation>
    </message>
    <message>
        <source>First unit dispatched</source>
        <translation>首车调派</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>调派</translation>
    </message>
    <message>
        <source>En route</source>
        <translation>出动</translation>
    </message>
    <message>
        <source>On scene</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Under control</source>
        <translation>火势控制</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案</translation>
    </message>
</context>
<context>
    <name>flameblue::console::IncidentListModel</name>
    <message>
        <source>Received</source>
        <translation>已接警</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>处置中</translation>
    </message>
    <message>
        <source>Under control</source>
        <translation>已控制</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>flameblue::console::RecommendationModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 to launch, %2 km at %3 km/h</source>
        <translation>起飞准备 %1，航程 %2 公里，时速 %3 公里</translation>
    </message>
    <message>
        <source>%1 turnout, %2 km by road at %3 km/h</source>
        <translation>出车准备 %1，道路 %2 公里，时速 %3 公里</translation>
    </message>
    <message>
        <source>from its last position</source>
        <translation>按最新定位</translation>
    </message>
    <message>
        <source>from its station</source>
        <translation>按所属消防站位置</translation>
    </message>
    <message>
        <source>from its station (last position too old)</source>
        <translation>按所属消防站位置（定位已过期）</translation>
    </message>
    <message>
        <source>%1 of %2 slots filled, all on scene in %3</source>
        <translation>%2 项需求满足 %1 项，全部到场需 %3</translation>
    </message>
    <message>
        <source>Coverage: every station area keeps a unit within %1.</source>
        <translation>覆盖：各站辖区在 %1 内仍有力量可达。</translation>
    </message>
    <message numerus="yes">
        <source>Coverage: %n station area(s) would lose their unit within %1.</source>
        <translation>
            <numerusform>覆盖：%n 个站辖区将在 %1 内失去可达力量。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flameblue::console::UnitListModel</name>
    <message>
        <source>no fix</source>
        <translation>无定位</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>%1 秒前</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>待命</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已调派</translation>
    </message>
    <message>
        <source>En route</source>
        <translation>出动途中</translation>
    </message>
    <message>
        <source>On scene</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>Returning</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>flameblue::console::WaterSourceListModel</name>
    <message>
        <source>Hydrant</source>
        <translation>消火栓</translation>
    </message>
    <message>
        <source>Reservoir</source>
        <translation>水库</translation>
    </message>
    <message>
        <source>River</source>
        <translation>河流</translation>
    </message>
    <message>
        <source>Lake</source>
        <translation>湖泊</translation>
    </message>
    <message>
        <source>Pond</source>
        <translation>池塘</translation>
    </message>
    <message>
        <source>Water tank</source>
        <translation>消防水池</translation>
    </message>
</context>
</TS>
