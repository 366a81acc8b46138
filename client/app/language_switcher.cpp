#include "app/language_switcher.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QQmlEngine>

#include "app/display_time.h"

namespace flameblue::console {

LanguageSwitcher::LanguageSwitcher() = default;

LanguageSwitcher::~LanguageSwitcher() {
    if (m_installed) {
        QCoreApplication::removeTranslator(&m_translator);
    }
    if (m_qtInstalled) {
        QCoreApplication::removeTranslator(&m_qtTranslator);
    }
    if (m_dialogsInstalled) {
        QCoreApplication::removeTranslator(&m_dialogsTranslator);
    }
}

QString LanguageSwitcher::resourcePath(const QString& language) {
    return QStringLiteral(":/i18n/flameblue_%1.qm").arg(language);
}

bool LanguageSwitcher::apply(const QString& language) {
    if (m_installed) {
        QCoreApplication::removeTranslator(&m_translator);
        m_installed = false;
    }
    if (m_qtInstalled) {
        QCoreApplication::removeTranslator(&m_qtTranslator);
        m_qtInstalled = false;
    }
    if (m_dialogsInstalled) {
        QCoreApplication::removeTranslator(&m_dialogsTranslator);
        m_dialogsInstalled = false;
    }
    const bool loaded = m_translator.load(resourcePath(language));
    if (loaded) {
        m_installed = QCoreApplication::installTranslator(&m_translator);
    }
    // Qt's own strings (dialog buttons, Qt Quick's), when the system has them: "qt" is the
    // catalogue that brings in qtbase's and qtdeclarative's (Debian: qt6-translations-l10n).
    if (m_qtTranslator.load(QLocale(language), QStringLiteral("qt"), QStringLiteral("_"),
                            QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        m_qtInstalled = QCoreApplication::installTranslator(&m_qtTranslator);
    }
    // The file dialog's labels those catalogues lack, embedded.
    if (m_dialogsTranslator.load(QStringLiteral(":/i18n/qtquickdialogs_%1.qm").arg(language))) {
        m_dialogsInstalled = QCoreApplication::installTranslator(&m_dialogsTranslator);
    }
    m_language = language;
    if (m_engine) {
        m_engine->setUiLanguage(language);
        m_engine->retranslate();
    }
    DisplayTime::instance()->retranslate();
    return loaded;
}

}  // namespace flameblue::console
