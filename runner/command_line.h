// Command lines as text: --adapter-cmd's words, and the runner's own command line and
// replay commands, quoted so that a shell reads them back as the same words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tconv {

// The words of a command line as a POSIX shell splits them: blanks separate words,
// '…' quotes literally, "…" quotes with \" \\ \$ \` escapes, \ escapes one character.
// Throws std::invalid_argument on an unterminated quote or a trailing backslash.
std::vector<std::string> split_command(std::string_view text);

// The word as the shell reads it back: as is when it is plain, else in '…'.
std::string shell_quote(std::string_view word);

// Each word quoted, joined by blanks.
std::string join_command(const std::vector<std::string>& words);

// A path made absolute against the working directory (and normalized), so that a replay
// command works from any directory; "" stays "".
std::string absolute_path(const std::string& path);

// The words of a command with each one that names an existing file ("adapter.py",
// "./run.sh") made absolute; options ("-u") and other words stay as they are.
std::vector<std::string> with_absolute_files(std::vector<std::string> words);

}  // namespace tconv
