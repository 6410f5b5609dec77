#pragma once
// The application object of a program that may draw without a display (the CLI's `dbops incident`): drawing
// text needs a QGuiApplication, which the offscreen platform provides anywhere; everything else gets a plain
// QCoreApplication. Here, not in app/cli, so that the CLI's other files need no Qt Gui headers.
#include <QCoreApplication>
#include <memory>

namespace dbops {

class OffscreenApplication {
public:
    static std::unique_ptr<QCoreApplication> make(int &argc, char *argv[], bool draws);
};

} // namespace dbops
