// header_cxx.cpp - policy.h compiles and links as C++.
#include "policy.h"

#include <cstdio>

int main()
{
    pol_parser *p = pol_parser_new(POL_OPT_DEFAULT, nullptr);
    pol_result *r = nullptr;
    int ok = pol_parse(p, "一、目标\n", 13, &r, nullptr) == POL_OK;
    pol_result_free(r);
    pol_parser_free(p);
    std::printf("%d passed, %d failed\n", ok, !ok);
    return ok ? 0 : 1;
}
