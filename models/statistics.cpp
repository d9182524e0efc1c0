#include "statistics.h"

#include "crosstab.h"

#include <boost/math/distributions/chi_squared.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Triage::Statistics {

namespace {
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
}

double pearson(const std::vector<double> &x, const std::vector<double> &y)
{
    const size_t n = std::min(x.size(), y.size());
    if (n < 2)
        return NaN;
    double meanX = 0;
    double meanY = 0;
    for (size_t i = 0; i < n; ++i) {
        meanX += x[i];
        meanY += y[i];
    }
    meanX /= double(n);
    meanY /= double(n);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (size_t i = 0; i < n; ++i) {
        const double dx = x[i] - meanX;
        const double dy = y[i] - meanY;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if (sxx == 0 || syy == 0)
        return NaN;
    return sxy / std::sqrt(sxx * syy);
}

double chiSquareUpperTail(double statistic, int dof)
{
    if (dof < 1 || !std::isfinite(statistic))
        return NaN;
    if (statistic <= 0)
        return 1.0;
    const boost::math::chi_squared_distribution<double> distribution(dof);
    return boost::math::cdf(boost::math::complement(distribution, statistic));
}

ChiSquare chiSquare(const std::vector<std::vector<double>> &observed)
{
    ChiSquare result;
    const size_t rows = observed.size();
    const size_t columns = rows ? observed.front().size() : 0;
    std::vector<double> rowTotals(rows, 0);
    std::vector<double> columnTotals(columns, 0);
    double n = 0;
    for (size_t i = 0; i < rows; ++i) {
        for (size_t j = 0; j < columns; ++j) {
            rowTotals[i] += observed[i][j];
            columnTotals[j] += observed[i][j];
            n += observed[i][j];
        }
    }
    const auto nonZero = [](const std::vector<double> &totals) {
        return int(std::count_if(totals.begin(), totals.end(), [](double t) { return t > 0; }));
    };
    const int r = nonZero(rowTotals);
    const int c = nonZero(columnTotals);
    result.n = (long long)n;
    result.dof = (r - 1) * (c - 1);
    if (r < 2 || c < 2) {
        result.dof = 0;
        result.p = NaN;
        result.cramersV = NaN;
        return result;
    }
    for (size_t i = 0; i < rows; ++i) {
        for (size_t j = 0; j < columns; ++j) {
            const double expected = rowTotals[i] * columnTotals[j] / n;
            if (expected > 0) {
                const double d = observed[i][j] - expected;
                result.statistic += d * d / expected;
            }
        }
    }
    result.p = chiSquareUpperTail(result.statistic, result.dof);
    result.cramersV = std::sqrt(result.statistic / (n * double(std::min(r, c) - 1)));
    return result;
}

ChiSquare chiSquare(const Crosstab &table)
{
    std::vector<std::vector<double>> observed;
    for (int i = 0; i < table.rowCount(); ++i)
        observed.push_back(table.rowVector(i));
    return chiSquare(observed);
}

double share(double part, double whole)
{
    return whole > 0 ? part / whole : 0.0;
}

QString formatShare(double value)
{
    return QString::number(value * 100.0, 'f', 1) + QLatin1Char('%');
}

} // namespace Triage::Statistics
