// The Catch2 runner for newsfacts_tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
