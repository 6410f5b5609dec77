#pragma once
// One status row as a test expects it: the board was read, the row is there, in the state expected, and its
// reason says what the test planted. Shared by the SQLite and PostgreSQL status-board tests.
#include "status/statuscheck.h"

namespace dbops::test {

class StatusExpect {
public:
    // Empty when `board` has the row `check` in `state` with a reason containing `reason`; else what differs.
    static QString problem(const StatusBoard &board, const QString &check, CheckState state, const QString &reason);
};

} // namespace dbops::test
