// Loads the console's QML (module Flameblue.Console, embedded) with the controller injected.
#pragma once

class QQmlApplicationEngine;
class QQmlEngine;

namespace flameblue::console {

class ConsoleController;

// The window's URL inside the module's resources.
inline constexpr const char* kMainQmlUrl = "qrc:/qt/qml/Flameblue/Console/Main.qml";
inline constexpr const char* kQmlImportPath = "qrc:/qt/qml";

// Makes the console's QML modules importable in `engine` (also for QML tests).
void prepareConsoleEngine(QQmlEngine& engine);

// Prepares `engine` (modules, language) and loads Main.qml; false when it did not load.
bool loadConsoleUi(QQmlApplicationEngine& engine, ConsoleController& controller);

}  // namespace flameblue::console
