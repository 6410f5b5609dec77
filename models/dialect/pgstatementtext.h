#pragma once
// One PostgreSQL statement out of a text the operator or another session supplied (EXPLAIN of a slow query): the
// text as PostgreSQL's lexer splits it — quoted strings ('…', E'…' with backslash escapes, "…" identifiers,
// $tag$…$tag$), -- and nested /* */ comments — so that a ';' inside them does not count and one outside does.
// "select 1; commit; begin read write; drop table t" is refused: sent as one query string, PostgreSQL would run
// every statement in it, whatever EXPLAIN was put in front. Assumes standard_conforming_strings = on (the caller
// sets it on the session that runs the text: with it off, a backslash would quote differently).
#include "core/expected.h"

#include <QString>

namespace dbops {

class PgStatementText {
public:
    // The statement without a trailing ';' (and what follows it when only blanks and comments), or Usage naming
    // why it is not exactly one statement (several, none, or an unterminated string or comment).
    static Expected<QString> single(const QString &text);
};

} // namespace dbops
