<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt Quick Dialogs' own labels (the file dialog of "Save report…"), which Qt's zh_CN
     catalogues of this Qt version do not translate. Kept by hand: not produced by lupdate. -->
<TS version="2.1" language="zh_CN">
<context>
    <name>FileDialog</name>
    <message>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>文件类型</translation>
    </message>
</context>
<context>
    <name>MessageDialog</name>
    <message>
        <source>Show Details...</source>
        <translation>显示详细信息...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>隐藏详细信息...</translation>
    </message>
</context>
</TS>
