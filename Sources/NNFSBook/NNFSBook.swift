// The runner: parse -> plan -> compile -> run -> compare -> report.
