// The whole conformance suite as GoogleTests of this binary, on an adapter linked into it.
#include <gtest/gtest.h>
#include <tconv/adapter.h>
#include <tconv/gtest.h>

#include <memory>

#include <tconv/suite/adapter_interface.h>  // the suite's tconv::InProcessAdapter

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  tconv::register_conformance_tests(std::make_shared<tconv::InProcessAdapter>(*tconv_adapter_get()));
  return RUN_ALL_TESTS();
}
