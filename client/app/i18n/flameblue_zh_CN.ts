<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AircraftDelegate</name>
    <message>
        <source>SQ %1</source>
        <translation>应答码 %1</translation>
    </message>
    <message>
        <source>%1 m · %2 km/h · %3°</source>
        <translation>%1 米 · %2 公里/时 · %3°</translation>
    </message>
    <message>
        <source>ETA %1 · left %2</source>
        <translation>预计到达 %1 · 剩余航时 %2</translation>
    </message>
</context>
<context>
    <name>AircraftDetail</name>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Tasked to %1</source>
        <translation>执行任务：%1</translation>
    </message>
    <message>
        <source>Mission</source>
        <translation>任务状态</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>预计到达</translation>
    </message>
    <message>
        <source>Flight time left</source>
        <translation>剩余航时</translation>
    </message>
    <message>
        <source>Last fix</source>
        <translation>最近定位</translation>
    </message>
    <message>
        <source>Drops</source>
        <translation>投水次数</translation>
    </message>
    <message>
        <source>%1 (%2 per hour)</source>
        <translation>%1（每小时 %2 次）</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>投水周期</translation>
    </message>
    <message>
        <source>%1 (measured)</source>
        <translation>%1（实测）</translation>
    </message>
    <message>
        <source>%1 (modelled)</source>
        <translation>%1（估算）</translation>
    </message>
    <message>
        <source>Dip site</source>
        <translation>取水点</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>Record drop</source>
        <translation>记录投水</translation>
    </message>
    <message>
        <source>Altitude profile</source>
        <translation>高度剖面</translation>
    </message>
</context>
<context>
    <name>AlertBanner</name>
    <message>
        <source>Show</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
</context>
<context>
    <name>AviationBoard</name>
    <message>
        <source>Aviation</source>
        <translation>航空</translation>
    </message>
    <message>
        <source>%1 aircraft</source>
        <translation>%1 架航空器</translation>
    </message>
    <message>
        <source>Rotorcraft only</source>
        <translation>仅显示直升机</translation>
    </message>
</context>
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
    <name>ConfirmDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
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
    <message>
        <source>Not signed in to %1</source>
        <translation>未能登录 %1</translation>
    </message>
</context>
<context>
    <name>CoveragePanel</name>
    <message>
        <source>not reached</source>
        <translation>未到达</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>no unit reaches it</source>
        <translation>无力量可达</translation>
    </message>
    <message>
        <source>≤ %1 min (the circle)</source>
        <translation>≤ %1 分钟（救援圈）</translation>
    </message>
    <message>
        <source>&gt; %1 min</source>
        <translation>&gt; %1 分钟</translation>
    </message>
    <message>
        <source>%1–%2 min</source>
        <translation>%1–%2 分钟</translation>
    </message>
    <message>
        <source>First arrival (%1-minute circle)</source>
        <translation>首车到场时间（%1 分钟救援圈）</translation>
    </message>
    <message>
        <source>Within the circle: %1 % of the province&apos;s area (grid cells), %2 % of the listed places; %3 units counting</source>
        <translation>救援圈内：全省面积（网格）的 %1 %，所列地点的 %2 %；计入力量 %3 个</translation>
    </message>
    <message>
        <source>Places outside the circle</source>
        <translation>救援圈外的地点</translation>
    </message>
    <message>
        <source>Stations without a unit in time</source>
        <translation>无力量按时到达的消防站</translation>
    </message>
    <message>
        <source>Coverage unavailable: %1</source>
        <translation>覆盖数据不可用：%1</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>另有 %n 个</numerusform>
        </translation>
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
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Search a place, or click the map</source>
        <translation>搜索地点，或在地图上点击</translation>
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
    <message>
        <source>DRILL %1 has ended — the last state is shown, no more updates</source>
        <translation>演练 %1 已结束 — 显示的是最后状态，不再更新</translation>
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
    <message>
        <source>Save after-action report</source>
        <translation>保存演练复盘报告</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>保存复盘报告…</translation>
    </message>
    <message>
        <source>The after-action report as a printable web page</source>
        <translation>将复盘报告保存为可打印的网页</translation>
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
    <message>
        <source>Close incident %1?</source>
        <translation>确认结案 %1？</translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) still on this incident will be released. A closed incident cannot be reopened.</source>
        <translation>
            <numerusform>本警情仍有 %n 个力量，结案时将全部撤回。结案后不能重新打开。</numerusform>
        </translation>
    </message>
    <message>
        <source>A closed incident cannot be reopened.</source>
        <translation>结案后不能重新打开。</translation>
    </message>
    <message>
        <source>Release units from %1?</source>
        <translation>确认从 %1 撤回力量？</translation>
    </message>
    <message>
        <source>%1 will leave incident %2.</source>
        <translation>%1 将撤离警情 %2。</translation>
    </message>
    <message numerus="yes">
        <source>All %n unit(s) on this incident will leave it, including those on scene.</source>
        <translation>
            <numerusform>本警情的全部 %n 个力量都将撤回，包括已到场的力量。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 N, %2 E · received %3 %4</source>
        <translation>北纬 %1，东经 %2 · 接警 %3（%4）</translation>
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
    <message>
        <source>Other air traffic</source>
        <translation>其他空中交通</translation>
    </message>
    <message>
        <source>5-minute coverage</source>
        <translation>5 分钟覆盖</translation>
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
    <message>
        <source>Units</source>
        <translation>地面力量</translation>
    </message>
    <message>
        <source>Aviation</source>
        <translation>航空</translation>
    </message>
</context>
<context>
    <name>MapItemSummary</name>
    <message>
        <source>%1 km/h, %2 m</source>
        <translation>时速 %1 公里，高度 %2 米</translation>
    </message>
    <message>
        <source>level %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <source>Not a fleet aircraft</source>
        <translation>非本队航空器</translation>
    </message>
    <message>
        <source>squawk %1</source>
        <translation>应答机编码 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n 个单位</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MapPane</name>
    <message>
        <source>Map data: %1</source>
        <translation>地图数据：%1</translation>
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
    <name>ReportTable</name>
    <message>
        <source>Incidents</source>
        <translation>警情数</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>出动数</translation>
    </message>
    <message>
        <source>no threshold</source>
        <translation>无标准</translation>
    </message>
    <message>
        <source>n = %1</source>
        <translation>n = %1</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Meets the threshold</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Within 10 points</source>
        <translation>差距 10 点以内</translation>
    </message>
    <message>
        <source>Misses the threshold</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>No threshold</source>
        <translation>无标准</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Spreadsheet table (*.csv)</source>
        <translation>表格（*.csv）</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档（*.pdf）</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>网页（*.html）</translation>
    </message>
    <message>
        <source>Response times</source>
        <translation>响应时间</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>HTML…</source>
        <translation>HTML…</translation>
    </message>
    <message>
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <source>p90 (min:s)</source>
        <translation>p90（分:秒）</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>within (min:s)</source>
        <translation>用时（分:秒）</translation>
    </message>
    <message>
        <source>% of cases</source>
        <translation>累计比例（%）</translation>
    </message>
    <message>
        <source>p90 by month</source>
        <translation>按月 p90</translation>
    </message>
    <message>
        <source>p90 by day</source>
        <translation>按日 p90</translation>
    </message>
    <message>
        <source>p90</source>
        <translation>p90</translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation>报表已保存到 %1</translation>
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
    <message>
        <source>Connected to %1</source>
        <translation>已连接 %1</translation>
    </message>
    <message>
        <source>Event %1</source>
        <translation>事件序号 %1</translation>
    </message>
    <message>
        <source>Back to dispatch</source>
        <translation>返回调度</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
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
    <name>flameblue::console::AlertListModel</name>
    <message>
        <source>unlawful interference</source>
        <translation>非法干扰</translation>
    </message>
    <message>
        <source>radio failure</source>
        <translation>无线电失效</translation>
    </message>
    <message>
        <source>general emergency</source>
        <translation>紧急情况</translation>
    </message>
    <message>
        <source>Signal lost</source>
        <translation>信号丢失</translation>
    </message>
    <message>
        <source>Squawk %1 (%2)</source>
        <translation>应答码 %1（%2）</translation>
    </message>
    <message>
        <source>Low endurance</source>
        <translation>航时不足</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2 (over)</source>
        <translation>%1：%2（已解除）</translation>
    </message>
</context>
<context>
    <name>flameblue::console::AltitudeProfile</name>
    <message>
        <source>No altitude reported yet</source>
        <translation>尚无高度报告</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <source>last %1 min</source>
        <translation>最近 %1 分钟</translation>
    </message>
</context>
<context>
    <name>flameblue::console::AviationBoardModel</name>
    <message>
        <source>Ready</source>
        <translation>待命</translation>
    </message>
    <message>
        <source>Launching</source>
        <translation>起飞准备</translation>
    </message>
    <message>
        <source>En route</source>
        <translation>飞往现场</translation>
    </message>
    <message>
        <source>On task</source>
        <translation>执行任务</translation>
    </message>
    <message>
        <source>Returning</source>
        <translation>返航</translation>
    </message>
    <message>
        <source>Landed</source>
        <translation>已着陆</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>维护</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>no fix</source>
        <translation>无定位</translation>
    </message>
    <message>
        <source>Signal lost</source>
        <translation>信号丢失</translation>
    </message>
    <message>
        <source>Airborne</source>
        <translation>飞行中</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1前</translation>
    </message>
</context>
<context>
    <name>flameblue::console::AviationController</name>
    <message>
        <source>Alert acknowledged</source>
        <translation>告警已确认</translation>
    </message>
    <message>
        <source>Mission state changed</source>
        <translation>任务状态已更新</translation>
    </message>
    <message>
        <source>Drop recorded</source>
        <translation>已记录投水</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
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
        <source>City seat · %1, %2</source>
        <translation>市政府驻地 · %1, %2</translation>
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
        <source>not connected to a server</source>
        <translation>未连接服务器</translation>
    </message>
    <message>
        <source>The server refused this console&apos;s credentials (%1). Check the operator token, then retry.</source>
        <translation>服务器拒绝了本调度台的身份凭据（%1）。请检查调度员令牌后重试。</translation>
    </message>
    <message>
        <source>The secure connection failed; check the CA certificate and the server name (%1).</source>
        <translation>安全连接失败，请检查 CA 证书和服务器名称（%1）。</translation>
    </message>
    <message>
        <source>code %1</source>
        <translation>代码 %1</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1).</source>
        <translation>无法连接服务器（%1）。</translation>
    </message>
    <message>
        <source>The server did not answer in time (%1).</source>
        <translation>服务器未及时响应（%1）。</translation>
    </message>
    <message>
        <source>The server is overloaded (%1).</source>
        <translation>服务器负载过高（%1）。</translation>
    </message>
    <message>
        <source>The connection to the server ended (%1).</source>
        <translation>与服务器的连接已中断（%1）。</translation>
    </message>
</context>
<context>
    <name>flameblue::console::DisplayTime</name>
    <message>
        <source>China Standard Time</source>
        <translation>北京时间</translation>
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
    <message>
        <source>No report file chosen.</source>
        <translation>未选择报告文件。</translation>
    </message>
    <message>
        <source>Report refused: %1</source>
        <translation>报告请求被拒绝：%1</translation>
    </message>
    <message>
        <source>Cannot write the report to %1: %2</source>
        <translation>无法将报告写入 %1：%2</translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation>报告已保存到 %1</translation>
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
        <source>Coverage: every station area keeps a unit within %1.</source>
        <translation>覆盖：各站辖区在 %1 内仍有力量可达。</translation>
    </message>
    <message numerus="yes">
        <source>Coverage: %n station area(s) would lose their unit within %1.</source>
        <translation>
            <numerusform>覆盖：%n 个站辖区将在 %1 内失去可达力量。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <source>No dip site is known, so no drop cycle.</source>
        <translation>没有已知取水点，无法计算投放周期。</translation>
    </message>
    <message>
        <source>Dips at %1 (%2 from the fire): a drop every %3, %4 drops/h, first drop after %5</source>
        <translation>在%1取水（距火场 %2）：每 %3投放一次，每小时 %4 次，首次投放需 %5</translation>
    </message>
    <message numerus="yes">
        <source>, %n drop(s) within endurance</source>
        <translation>
            <numerusform>，续航内可投放 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>Endurance unknown for its type.</source>
        <translation>该机型续航未知。</translation>
    </message>
    <message>
        <source>Endurance allows %1 over the scene (out %2, back %3, reserve %4).</source>
        <translation>续航允许现场作业 %1（去程 %2，返程 %3，备份 %4）。</translation>
    </message>
    <message>
        <source>%1, the next available, would arrive at the same time.</source>
        <translation>下一个可用的 %1 将同时到达。</translation>
    </message>
    <message>
        <source>Arrives %1 before %2, the next available.</source>
        <translation>比下一个可用的 %2 早 %1到达。</translation>
    </message>
    <message>
        <source>No other free unit for this slot is within reach.</source>
        <translation>可达范围内没有其他空闲单位可承担此项需求。</translation>
    </message>
    <message>
        <source>%1 would arrive %2 sooner but is sent for slot %3 (%4).</source>
        <translation>%1 可早 %2到达，但已安排承担第 %3 项需求（%4）。</translation>
    </message>
    <message>
        <source>Later than the run card&apos;s target of %1 by %2.</source>
        <translation>比预案要求的 %1晚 %2。</translation>
    </message>
    <message>
        <source>the run card asks for aircraft</source>
        <translation>预案要求航空力量</translation>
    </message>
    <message>
        <source>aircraft always compete for this incident type</source>
        <translation>此类警情航空力量始终参与比选</translation>
    </message>
    <message>
        <source>the best ground arrival is beyond the aviation threshold</source>
        <translation>地面力量最快到达时间超过航空出动阈值</translation>
    </message>
    <message>
        <source>An aircraft with %1 stands in for %2 (%3).</source>
        <translation>由具备%1能力的航空器替代%2（%3）。</translation>
    </message>
    <message>
        <source>%1 in a straight line.</source>
        <translation>直线距离 %1。</translation>
    </message>
    <message>
        <source>Mountain roads: travel time x%1.</source>
        <translation>山区道路：行驶时间 ×%1。</translation>
    </message>
    <message>
        <source>No unit could be found for this slot.</source>
        <translation>此项需求找不到可派单位。</translation>
    </message>
    <message>
        <source>no unit anywhere has %1</source>
        <translation>全省没有具备%1能力的单位</translation>
    </message>
    <message>
        <source>all %1 units with it are committed (%2) or out of service (%3)</source>
        <translation>具备该能力的 %1 个单位均已出动（%2 个）或停用（%3 个）</translation>
    </message>
    <message>
        <source>the free units with it can only be placed by stale positions (%1)</source>
        <translation>具备该能力的空闲单位定位均已过期（%1 个）</translation>
    </message>
    <message>
        <source>the free units with it are understaffed (%1)</source>
        <translation>具备该能力的空闲单位人员不足（%1 个）</translation>
    </message>
    <message>
        <source>no free unit with it within the distance limit (%1 beyond)</source>
        <translation>距离上限内没有具备该能力的空闲单位（%1 个超出）</translation>
    </message>
    <message>
        <source>no aircraft with it has the endurance for the round trip with reserve</source>
        <translation>没有具备该能力的航空器能在保留备份油量的情况下往返</translation>
    </message>
    <message>
        <source>every free unit with it (%1) is needed for other slots of this plan</source>
        <translation>具备该能力的空闲单位（%1 个）均已用于本方案的其他需求</translation>
    </message>
    <message>
        <source>no suitable unit</source>
        <translation>没有合适的单位</translation>
    </message>
    <message>
        <source>No unit: %1.</source>
        <translation>无可派单位：%1。</translation>
    </message>
    <message>
        <source>Closest: %1, %2 away, would arrive in %3.</source>
        <translation>最近：%1，距离 %2，预计 %3后到达。</translation>
    </message>
    <message>
        <source>%1 would have no unit within %2 (now covered by %3).</source>
        <translation>%1 将在 %2内无可用单位（现由 %3 覆盖）。</translation>
    </message>
    <message>
        <source>Move up %1 from %2 to %3: %4, %5.</source>
        <translation>建议 %1 从%2移防至%3：%4，%5。</translation>
    </message>
    <message>
        <source>Covered by the move-up of %1.</source>
        <translation>该空缺由 %1 的移防一并覆盖。</translation>
    </message>
    <message>
        <source>No unit can move up without opening another gap.</source>
        <translation>任何单位移防都会造成新的空缺。</translation>
    </message>
    <message>
        <source>%1 of %2 slots filled</source>
        <translation>%2 项需求满足 %1 项</translation>
    </message>
    <message>
        <source>%1 of %2 slots filled, all on scene within %3</source>
        <translation>%2 项需求满足 %1 项，%3 内全部到场</translation>
    </message>
    <message>
        <source>%1 of %2 slots filled, those on scene within %3</source>
        <translation>%2 项需求满足 %1 项，已派力量 %3 内到场</translation>
    </message>
</context>
<context>
    <name>flameblue::console::ReportExport</name>
    <message>
        <source>Incidents</source>
        <translation>警情数</translation>
    </message>
    <message>
        <source>Unit responses</source>
        <translation>车辆出动数</translation>
    </message>
    <message>
        <source>%1: cases</source>
        <translation>%1：样本数</translation>
    </message>
    <message>
        <source>%1: p50 (s)</source>
        <translation>%1：p50（秒）</translation>
    </message>
    <message>
        <source>%1: p80 (s)</source>
        <translation>%1：p80（秒）</translation>
    </message>
    <message>
        <source>%1: p90 (s)</source>
        <translation>%1：p90（秒）</translation>
    </message>
    <message>
        <source>%1: mean (s)</source>
        <translation>%1：平均（秒）</translation>
    </message>
    <message>
        <source>%1: compliance (%)</source>
        <translation>%1：达标率（%）</translation>
    </message>
    <message>
        <source>%1: threshold (s)</source>
        <translation>%1：标准（秒）</translation>
    </message>
    <message>
        <source>%1: threshold fractile (%)</source>
        <translation>%1：标准分位（%）</translation>
    </message>
    <message>
        <source>Response-time report</source>
        <translation>响应时间报告</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <source>Grouped by</source>
        <translation>分组方式</translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation>达标标准</translation>
    </message>
    <message>
        <source>none (fractiles only)</source>
        <translation>无（仅分位数）</translation>
    </message>
    <message>
        <source>Events up to</source>
        <translation>截至事件</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>Fractiles and compliance</source>
        <translation>分位数与达标率</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>达标率</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Times in minutes:seconds. Compliance: share of cases within the threshold; green when it reaches the threshold&apos;s fractile, orange within 10 points of it, red below.</source>
        <translation>时间为 分:秒。达标率：在标准时间内完成的比例；达到标准分位为绿色，差距 10 个百分点以内为橙色，更低为红色。</translation>
    </message>
</context>
<context>
    <name>flameblue::console::ReportTexts</name>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>≤ %1 for %2 %</source>
        <translation>≤ %1（%2%）</translation>
    </message>
    <message>
        <source>Call processing</source>
        <translation>接警处理</translation>
    </message>
    <message>
        <source>Turnout</source>
        <translation>出动准备</translation>
    </message>
    <message>
        <source>Travel</source>
        <translation>途中行驶</translation>
    </message>
    <message>
        <source>First unit travel</source>
        <translation>首车行驶</translation>
    </message>
    <message>
        <source>Full first alarm</source>
        <translation>首批力量到齐</translation>
    </message>
    <message>
        <source>First arrival</source>
        <translation>首车到场</translation>
    </message>
    <message>
        <source>Alarm to first arrival</source>
        <translation>接警至首车到场</translation>
    </message>
    <message>
        <source>Under control</source>
        <translation>接警至控制</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>接警至结案</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>全省</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>消防站</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Incident type</source>
        <translation>警情类型</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Hour of day</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
</context>
<context>
    <name>flameblue::console::ReportsController</name>
    <message>
        <source>p90 per group and threshold</source>
        <translation>各组 p90 与标准</translation>
    </message>
    <message>
        <source>Fractile table</source>
        <translation>分位表</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>All phases</source>
        <translation>全部环节</translation>
    </message>
    <message>
        <source>Enter the range as yyyy-MM-dd HH:mm (%1).</source>
        <translation>请按 yyyy-MM-dd HH:mm 输入时间范围（%1）。</translation>
    </message>
    <message>
        <source>The end of the range must come after its start.</source>
        <translation>结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>The server cannot give reports yet: %1</source>
        <translation>服务器暂时无法生成报表：%1</translation>
    </message>
    <message>
        <source>Report refused: %1</source>
        <translation>报表请求被拒绝：%1</translation>
    </message>
    <message>
        <source>Shanxi province</source>
        <translation>山西省</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>%1 – %2 (%3)</source>
        <translation>%1 – %2（%3）</translation>
    </message>
    <message>
        <source>no thresholds (fractiles only)</source>
        <translation>无达标标准（仅分位数）</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n incident(s) · events up to %2 · thresholds: %3</source>
        <translation>
            <numerusform>%1 · %n 起警情 · 截至事件 %2 · 达标标准：%3</numerusform>
        </translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>未选择文件。</translation>
    </message>
    <message>
        <source>There is no report to save yet.</source>
        <translation>尚无可保存的报表。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation>报表已保存到 %1</translation>
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
    <message>
        <source>%1 · signal lost, last heard %2</source>
        <translation>%1 · 信号丢失，最后收到 %2</translation>
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
