#pragma once

#include <QString>

#include <vector>

namespace Triage {

class Crosstab;

namespace Statistics {

// Pearson's r of two equally long samples; NaN when either has no variance or n < 2.
double pearson(const std::vector<double> &x, const std::vector<double> &y);

// Pearson's chi-squared test of independence on a contingency table's observed counts, with
// Cramér's V as the effect size. Rows and columns whose total is zero are left out (they have
// no expected count); a table left with fewer than two rows or columns has dof 0 and p NaN.
struct ChiSquare
{
    double statistic = 0;
    int dof = 0;
    double p = 0;
    double cramersV = 0;
    long long n = 0;
};
ChiSquare chiSquare(const std::vector<std::vector<double>> &observed);
ChiSquare chiSquare(const Crosstab &table);

// P(X >= statistic) for X ~ chi-squared with dof degrees of freedom (Boost.Math).
double chiSquareUpperTail(double statistic, int dof);

// The share of `part` in `whole`, 0 when whole is 0.
double share(double part, double whole);
// A share as people read it: "33.9%".
QString formatShare(double share);

} // namespace Statistics
} // namespace Triage
