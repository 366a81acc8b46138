import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Asks before an action that cannot be taken back (closing an incident, releasing units): what
// it will do, in words, and a button named after the action. Nothing happens on Cancel, Escape
// or a click outside.
Dialog {
    id: dialog

    property string text: ""
    property string confirmText: ""
    // What to do on confirmation; set by ask().
    property var _action: null

    // Shows the question; `action` runs only when the dispatcher confirms.
    function ask(title, text, confirmText, action) {
        dialog.title = title
        dialog.text = text
        dialog.confirmText = confirmText
        dialog._action = action
        open()
    }

    objectName: "confirmDialog"
    modal: true
    focus: true
    width: Theme.dialogWidth
    anchors.centerIn: Overlay.overlay
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    onRejected: _action = null

    Label {
        objectName: "confirmText"
        width: parent.width
        text: dialog.text
        color: Theme.text
        wrapMode: Text.Wrap
    }

    footer: DialogButtonBox {
        Button {
            objectName: "confirmCancel"
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        Button {
            objectName: "confirmAccept"
            text: dialog.confirmText
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
    }
    onAccepted: {
        const action = _action
        _action = null
        if (action)
            action()
    }
}
