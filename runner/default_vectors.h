// Where tconv-conform finds the golden vectors when --vectors is not given.
#pragma once

#include <string>

namespace tconv {

// The installed vectors beside the running executable (<prefix>/bin/tconv-conform finds
// <prefix>/share/tconv_conformance/vectors) when they are there, else the source tree's
// vectors/ of the build that produced it.
std::string default_vectors_dir();

}  // namespace tconv
