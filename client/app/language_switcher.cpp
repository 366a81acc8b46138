#include "app/language_switcher.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QQmlEngine>

namespace flameblue::console {

LanguageSwitcher::LanguageSwitcher() = default;

LanguageSwitcher::~LanguageSwitcher() {
    if (m_installed) {
        QCoreApplication::removeTranslator(&m_translator);
    }
    if (m_qtInstalled) {
        QCoreApplication::removeTranslator(&m_qtTranslator);
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
    const bool loaded = m_translator.load(resourcePath(language));
    if (loaded) {
        m_installed = QCoreApplication::installTranslator(&m_translator);
    }
    // Qt's own strings (dialog buttons), when the system has them.
    if (m_qtTranslator.load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                            QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        m_qtInstalled = QCoreApplication::installTranslator(&m_qtTranslator);
    }
    m_language = language;
    if (m_engine) {
        m_engine->setUiLanguage(language);
        m_engine->retranslate();
    }
    return loaded;
}

}  // namespace flameblue::console
