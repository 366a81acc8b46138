pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import QtCharts

// Response times against the thresholds: the query (time range, grouping, phase), the table of
// groups and phases, and three charts of the chosen phase (p90 per group against the threshold,
// the fractile table, the trend by day or month). Exports CSV, HTML and PDF.
Rectangle {
    id: view

    required property var reports

    // A text, or a function composing it in the current language.
    signal message(var text, bool error)

    // What the charts show, for the checks and the exports.
    readonly property alias barChart: _barChart
    readonly property alias fractileChart: _fractileChart
    readonly property alias trendChart: _trendChart
    property int barCount: 0
    property int fractileLineCount: 0
    property int trendPointCount: 0
    property string _exportFormat: "csv"

    function _indexOf(choices, value) {
        for (let i = 0; i < choices.length; ++i) {
            if (choices[i].value === value)
                return i
        }
        return -1
    }
    // Whole minutes between axis ticks, so that each label reads as minutes:seconds.
    function _step(maxMinutes) {
        const steps = [1, 2, 5, 10, 15, 30, 60, 120, 240]
        for (const s of steps) {
            if (maxMinutes / s <= 8)
                return s
        }
        return 480
    }
    function _axisMax(maxMinutes) {
        const step = _step(maxMinutes * 1.15)
        return Math.max(step, Math.ceil(maxMinutes * 1.15 / step) * step)
    }
    function _levelColour(level) {
        switch (level) {
        case "met": return Theme.success
        case "near": return Theme.warning
        case "missed": return Theme.danger
        }
        return Theme.accent
    }

    function _rebuildBars() {
        const bars = view.reports.bars
        const threshold = view.reports.thresholdMinutes
        _bars.clear()
        _barThreshold.clear()
        _barAxisX.categories = bars.map(b => b.label)
        let max = threshold > 0 ? threshold : 1
        for (const b of bars)
            max = Math.max(max, b.value)
        _barAxisY.max = _axisMax(max)
        _barAxisY.tickInterval = _step(_barAxisY.max)
        // One set per compliance level, so that each bar takes its level's colour.
        const levels = [["met", qsTr("Meets the threshold")], ["near", qsTr("Within 10 points")],
                        ["missed", qsTr("Misses the threshold")], ["none", qsTr("No threshold")]]
        for (const [level, name] of levels) {
            const values = bars.map(b => b.measured && b.level === level ? b.value : 0)
            if (values.some(v => v > 0)) {
                const set = _bars.append(name, values)
                set.color = _levelColour(level)
                set.borderColor = _levelColour(level)
            }
        }
        if (threshold > 0 && bars.length > 0) {
            _barThreshold.append(-0.5, threshold)
            _barThreshold.append(bars.length - 0.5, threshold)
        }
        view.barCount = bars.filter(b => b.measured).length
    }

    function _rebuildFractiles() {
        const lines = view.reports.fractileLines
        const pool = [_f0, _f1, _f2, _f3, _f4, _f5]
        let minutes = 1
        for (let i = 0; i < pool.length; ++i) {
            const series = pool[i]
            series.clear()
            series.visible = i < lines.length
            if (i >= lines.length)
                continue
            series.name = lines[i].label
            series.append(0, 0)
            const points = lines[i].points
            for (let m = 0; m < points.length; ++m)
                series.append(m + 1, points[m])
            minutes = Math.max(minutes, points.length)
        }
        const threshold = view.reports.thresholdMinutes
        _fThreshold.clear()
        _fThreshold.visible = threshold > 0 && lines.length > 0
        if (_fThreshold.visible) {
            _fThreshold.append(threshold, 0)
            _fThreshold.append(threshold, 100)
        }
        _fractileAxisX.max = minutes
        _fractileAxisX.tickInterval = minutes > 10 ? 2 : 1
        view.fractileLineCount = lines.length
    }

    function _rebuildTrend() {
        const points = view.reports.trend
        const threshold = view.reports.thresholdMinutes
        _trendLine.clear()
        _trendThreshold.clear()
        _trendAxisX.categories = points.map(p => p.label)
        let max = threshold > 0 ? threshold : 1
        for (let i = 0; i < points.length; ++i) {
            if (points[i].measured) {
                _trendLine.append(i, points[i].value)
                max = Math.max(max, points[i].value)
            }
        }
        _trendAxisY.max = _axisMax(max)
        _trendAxisY.tickInterval = _step(_trendAxisY.max)
        if (threshold > 0 && points.length > 0) {
            _trendThreshold.append(-0.5, threshold)
            _trendThreshold.append(points.length - 0.5, threshold)
        }
        view.trendPointCount = points.filter(p => p.measured).length
    }

    function _rebuild() {
        _rebuildBars()
        _rebuildFractiles()
        _rebuildTrend()
    }
    function _export(format) {
        view._exportFormat = format
        _exportDialog.selectedFile = view.reports.suggestedFile(format)
        _exportDialog.open()
    }

    color: Theme.window
    Component.onCompleted: {
        if (reports.loaded)
            _rebuild()
        reports.refresh()
    }

    Connections {
        target: view.reports
        function onReportChanged() {
            view._rebuild()
        }
        function onExportFinished(ok, text, path) {
            if (ok)
                view.message(() => qsTr("Report saved to %1").arg(path), false)
            else
                view.message(text, true)
        }
    }

    FileDialog {
        id: _exportDialog
        objectName: "reportExportDialog"
        title: qsTr("Save report")
        fileMode: FileDialog.SaveFile
        acceptLabel: qsTr("Save")
        defaultSuffix: view._exportFormat
        nameFilters: view._exportFormat === "csv" ? [qsTr("Spreadsheet table (*.csv)")]
                     : view._exportFormat === "pdf" ? [qsTr("PDF document (*.pdf)")]
                     : [qsTr("Web page (*.html)")]
        onAccepted: view.reports.exportReport(selectedFile, view._exportFormat,
                                              [_barChart, _fractileChart, _trendChart])
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.padding
        spacing: Theme.spacing

        // The query.
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            Label {
                text: qsTr("Response times")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
            }
            Item {
                Layout.preferredWidth: Theme.spacing
            }
            Label {
                text: qsTr("Time range")
                color: Theme.textDim
            }
            ComboBox {
                objectName: "reportRange"
                Layout.preferredWidth: 150
                model: view.reports.rangePresets
                textRole: "name"
                valueRole: "value"
                currentIndex: view._indexOf(view.reports.rangePresets, view.reports.rangePreset)
                onActivated: {
                    view.reports.rangePreset = currentValue
                    if (currentValue !== 4)
                        view.reports.refresh()
                }
            }
            TextField {
                objectName: "reportFrom"
                visible: view.reports.rangePreset === 4
                Layout.preferredWidth: 150
                placeholderText: "yyyy-MM-dd HH:mm"
                text: view.reports.customFrom
                onEditingFinished: view.reports.customFrom = text
            }
            Label {
                visible: view.reports.rangePreset === 4
                text: "–"
                color: Theme.textDim
            }
            TextField {
                objectName: "reportTo"
                visible: view.reports.rangePreset === 4
                Layout.preferredWidth: 150
                placeholderText: qsTr("now")
                text: view.reports.customTo
                onEditingFinished: view.reports.customTo = text
            }
            Label {
                text: qsTr("Group by")
                color: Theme.textDim
            }
            ComboBox {
                objectName: "reportGrouping"
                Layout.preferredWidth: 140
                model: view.reports.groupings
                textRole: "name"
                valueRole: "value"
                currentIndex: view._indexOf(view.reports.groupings, view.reports.grouping)
                onActivated: {
                    view.reports.grouping = currentValue
                    view.reports.refresh()
                }
            }
            Label {
                text: qsTr("Phase")
                color: Theme.textDim
            }
            ComboBox {
                objectName: "reportPhase"
                Layout.preferredWidth: 190
                model: view.reports.phases
                textRole: "name"
                valueRole: "value"
                currentIndex: view._indexOf(view.reports.phases, view.reports.phase)
                onActivated: {
                    view.reports.phase = currentValue
                    view.reports.refresh()
                }
            }
            Button {
                objectName: "reportRefresh"
                text: view.reports.loading ? qsTr("Loading…") : qsTr("Refresh")
                enabled: !view.reports.loading
                onClicked: view.reports.refresh()
            }
            Item {
                Layout.fillWidth: true
            }
            Button {
                objectName: "exportCsv"
                text: qsTr("CSV…")
                enabled: view.reports.loaded
                onClicked: view._export("csv")
            }
            Button {
                objectName: "exportHtml"
                text: qsTr("HTML…")
                enabled: view.reports.loaded
                onClicked: view._export("html")
            }
            Button {
                objectName: "exportPdf"
                text: qsTr("PDF…")
                enabled: view.reports.loaded
                onClicked: view._export("pdf")
            }
        }

        Label {
            objectName: "reportSummary"
            Layout.fillWidth: true
            text: view.reports.error !== "" ? view.reports.error : view.reports.summary
            color: view.reports.error !== "" ? Theme.danger : Theme.textDim
            elide: Text.ElideRight
        }

        ReportTable {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: view.height * 0.4
            model: view.reports.table
            groupTitle: {
                const i = view._indexOf(view.reports.groupings, view.reports.grouping)
                return i >= 0 ? view.reports.groupings[i].name : ""
            }
        }

        // The charts of one phase.
        RowLayout {
            Layout.fillWidth: true
            Layout.preferredHeight: view.height * 0.48
            spacing: Theme.spacing

            ChartView {
                id: _barChart
                objectName: "barChart"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 3
                title: view.reports.chartTitle(0) + " · " + view.reports.chartPhaseName
                titleFont.family: Theme.fontFamily
                titleFont.pixelSize: Theme.fontNormal
                theme: ChartView.ChartThemeDark
                backgroundColor: Theme.panel
                antialiasing: true
                legend.alignment: Qt.AlignBottom
                legend.font.family: Theme.fontFamily
                legend.font.pixelSize: Theme.fontSmall
                margins.left: 4
                margins.right: 4
                margins.top: 4
                margins.bottom: 4

                BarCategoryAxis {
                    id: _barAxisX
                    labelsFont.family: Theme.fontFamily
                    labelsFont.pixelSize: Theme.fontSmall
                    labelsAngle: categories.length > 6 ? -60 : 0
                }
                ValueAxis {
                    id: _barAxisY
                    min: 0
                    max: 10
                    tickType: ValueAxis.TicksDynamic
                    tickAnchor: 0
                    tickInterval: 1
                    labelFormat: "%.0f:00"
                    labelsFont.family: Theme.fontFamily
                    labelsFont.pixelSize: Theme.fontSmall
                    titleText: qsTr("p90 (min:s)")
                    titleFont.family: Theme.fontFamily
                    titleFont.pixelSize: Theme.fontSmall
                }
                StackedBarSeries {
                    id: _bars
                    axisX: _barAxisX
                    axisY: _barAxisY
                    barWidth: 0.6
                }
                LineSeries {
                    id: _barThreshold
                    name: qsTr("Threshold")
                    axisX: _barAxisX
                    axisY: _barAxisY
                    color: Theme.danger
                    width: 2
                    style: Qt.DashLine
                }
            }

            ChartView {
                id: _fractileChart
                objectName: "fractileChart"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 3
                title: view.reports.chartTitle(1) + " · " + view.reports.chartPhaseName
                titleFont.family: Theme.fontFamily
                titleFont.pixelSize: Theme.fontNormal
                theme: ChartView.ChartThemeDark
                backgroundColor: Theme.panel
                antialiasing: true
                legend.alignment: Qt.AlignBottom
                legend.font.family: Theme.fontFamily
                legend.font.pixelSize: Theme.fontSmall
                margins.left: 4
                margins.right: 4
                margins.top: 4
                margins.bottom: 4

                ValueAxis {
                    id: _fractileAxisX
                    min: 0
                    max: 20
                    tickType: ValueAxis.TicksDynamic
                    tickAnchor: 0
                    tickInterval: 2
                    labelFormat: "%.0f:00"
                    labelsFont.family: Theme.fontFamily
                    labelsFont.pixelSize: Theme.fontSmall
                    titleText: qsTr("within (min:s)")
                    titleFont.family: Theme.fontFamily
                    titleFont.pixelSize: Theme.fontSmall
                }
                ValueAxis {
                    id: _fractileAxisY
                    min: 0
                    max: 100
                    tickCount: 6
                    labelFormat: "%.0f"
                    labelsFont.family: Theme.fontFamily
                    labelsFont.pixelSize: Theme.fontSmall
                    titleText: qsTr("% of cases")
                    titleFont.family: Theme.fontFamily
                    titleFont.pixelSize: Theme.fontSmall
                }
                // All incidents and the groups with the most cases, and the threshold.
                LineSeries { id: _f0; axisX: _fractileAxisX; axisY: _fractileAxisY; color: Theme.text; width: 3; visible: false }
                LineSeries { id: _f1; axisX: _fractileAxisX; axisY: _fractileAxisY; color: "#3d8bfd"; width: 2; visible: false }
                LineSeries { id: _f2; axisX: _fractileAxisX; axisY: _fractileAxisY; color: "#30a46c"; width: 2; visible: false }
                LineSeries { id: _f3; axisX: _fractileAxisX; axisY: _fractileAxisY; color: "#f5a524"; width: 2; visible: false }
                LineSeries { id: _f4; axisX: _fractileAxisX; axisY: _fractileAxisY; color: "#b07cff"; width: 2; visible: false }
                LineSeries { id: _f5; axisX: _fractileAxisX; axisY: _fractileAxisY; color: "#4fd1c5"; width: 2; visible: false }
                LineSeries {
                    id: _fThreshold
                    name: qsTr("Threshold")
                    axisX: _fractileAxisX
                    axisY: _fractileAxisY
                    color: Theme.danger
                    width: 2
                    style: Qt.DashLine
                    visible: false
                }
            }

            ChartView {
                id: _trendChart
                objectName: "trendChart"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 3
                title: (view.reports.trendByMonth ? qsTr("p90 by month") : qsTr("p90 by day"))
                       + " · " + view.reports.chartPhaseName
                titleFont.family: Theme.fontFamily
                titleFont.pixelSize: Theme.fontNormal
                theme: ChartView.ChartThemeDark
                backgroundColor: Theme.panel
                antialiasing: true
                legend.alignment: Qt.AlignBottom
                legend.font.family: Theme.fontFamily
                legend.font.pixelSize: Theme.fontSmall
                margins.left: 4
                margins.right: 4
                margins.top: 4
                margins.bottom: 4

                BarCategoryAxis {
                    id: _trendAxisX
                    labelsFont.family: Theme.fontFamily
                    labelsFont.pixelSize: Theme.fontSmall
                    labelsAngle: categories.length > 8 ? -60 : 0
                }
                ValueAxis {
                    id: _trendAxisY
                    min: 0
                    max: 10
                    tickType: ValueAxis.TicksDynamic
                    tickAnchor: 0
                    tickInterval: 1
                    labelFormat: "%.0f:00"
                    labelsFont.family: Theme.fontFamily
                    labelsFont.pixelSize: Theme.fontSmall
                    titleText: qsTr("p90 (min:s)")
                    titleFont.family: Theme.fontFamily
                    titleFont.pixelSize: Theme.fontSmall
                }
                LineSeries {
                    id: _trendLine
                    name: qsTr("p90")
                    axisX: _trendAxisX
                    axisY: _trendAxisY
                    color: Theme.accent
                    width: 3
                    pointsVisible: true
                }
                LineSeries {
                    id: _trendThreshold
                    name: qsTr("Threshold")
                    axisX: _trendAxisX
                    axisY: _trendAxisY
                    color: Theme.danger
                    width: 2
                    style: Qt.DashLine
                }
            }
        }
    }
}
