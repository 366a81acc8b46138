// Switches the display language at run time: installs the embedded translation and has the
// QML engine re-evaluate every qsTr() binding.
#pragma once

#include <QString>
#include <QTranslator>

class QQmlEngine;

namespace flameblue::console {

class LanguageSwitcher {
public:
    LanguageSwitcher();
    ~LanguageSwitcher();
    LanguageSwitcher(const LanguageSwitcher&) = delete;
    LanguageSwitcher& operator=(const LanguageSwitcher&) = delete;

    void setEngine(QQmlEngine* engine) { m_engine = engine; }
    // Installs the translation for `language` ("zh_CN", "en"), with Qt's own (dialog buttons,
    // file dialog) from the system's Qt catalogues; false when the console's is not embedded.
    bool apply(const QString& language);
    QString language() const { return m_language; }

    // Where the compiled translations are embedded.
    static QString resourcePath(const QString& language);

private:
    QQmlEngine* m_engine = nullptr;
    QTranslator m_translator;
    QTranslator m_qtTranslator;
    QTranslator m_dialogsTranslator;
    bool m_installed = false;
    bool m_qtInstalled = false;
    bool m_dialogsInstalled = false;
    QString m_language;
};

}  // namespace flameblue::console
