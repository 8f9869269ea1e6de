// --adapter-cmd is split like a shell splits a command line, and the command lines the
// runner prints (its own, the replay commands) read back as the same words.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "command_line.h"

namespace tconv {
namespace {

using Words = std::vector<std::string>;

TEST(SplitCommand, SplitsOnBlanksAndHonoursQuotesAndBackslashes) {
  EXPECT_EQ(split_command("  /usr/bin/python3   adapter.py\t--fast "),
            (Words{"/usr/bin/python3", "adapter.py", "--fast"}));
  EXPECT_EQ(split_command(R"(a 'b c' "d \"e\" \$f" g\ h 'i'"j"k '')"),
            (Words{"a", "b c", R"(d "e" $f)", "g h", "ijk", ""}));
  EXPECT_EQ(split_command(R"("back\slash" 'it''s')"), (Words{R"(back\slash)", "its"}));
}

TEST(SplitCommand, RejectsUnterminatedQuotesAndATrailingBackslash) {
  for (const char* broken :
       {"python3 'adapter.py", "python3 \"adapter.py", "python3 adapter.py\\"}) {
    EXPECT_THROW(split_command(broken), std::invalid_argument) << broken;
  }
}

TEST(JoinCommand, QuotesOnlyWhatNeedsItAndReadsBackAsTheSameWords) {
  EXPECT_EQ(join_command({"tconv-conform", "--seed", "7", "--problem", "ic1,oc1,i3,k2"}),
            "tconv-conform --seed 7 --problem ic1,oc1,i3,k2");
  const Words nasty{"/path with space/adapter", "it's", "$HOME", "a\"b", "", "tab\there", "*"};
  EXPECT_EQ(split_command(join_command(nasty)), nasty);
  EXPECT_EQ(shell_quote("it's"), R"('it'\''s')");
}

}  // namespace
}  // namespace tconv
