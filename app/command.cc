#include "command.h"

#include <iostream>

namespace newsfacts::cli {

void PrintError(const std::string& message) { std::cerr << "newsfacts: " << message << "\n"; }

}  // namespace newsfacts::cli
