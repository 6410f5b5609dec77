#pragma once
// How serious a finding, a row or a run is. Meaning only, never a colour: the widgets decide what a severity
// looks like. Below every folder of models/ because probes, reports and item models all speak it.

namespace dbops {

enum class Severity { Quiet = 0, Normal, Good, Warning, Critical };

} // namespace dbops
