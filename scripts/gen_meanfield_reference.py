#!/usr/bin/env python3
"""Write Tests/GradscopeCoreTests/Resources/meanfield_reference.csv: mean-field fixed points
(Poole et al. 2016, Schoenholz et al. 2017) computed independently with mpmath.

For each activation φ and (σ_w², σ_b²):
    q*   the fixed point of q ↦ σ_w² E[φ(√q z)²] + σ_b², reached from q = 1
    χ₁   σ_w² E[φ'(√q* z)²]
    χ_q  the slope of the length map at q*, σ_w² E[z φ φ']/√q* (Stein's lemma)
    c*   the stable fixed point of c ↦ (σ_w² E[φ(u₁)φ(u₂)] + σ_b²)/q*  (1 when χ₁ ≤ 1)
    χ_c  σ_w² E[φ'(u₁)φ'(u₂)] at c*, u₁ = √q* z₁, u₂ = √q*(c z₁ + √(1−c²) z₂)
    ξ_q, ξ_c = −1/ln χ  (inf when χ ≥ 1)
and rows of kind `critical`: the σ_w² where χ₁ = 1 at the given σ_b² (solved jointly with q*).

Every one-unit expectation is an adaptive tanh-sinh quadrature (mpmath.quad) split where φ has
a kink or bends (u = 0, ±1, ±2, ±4); the two-unit ones come from Mehler's formula,
E[φ(u₁)φ(u₂)] = Σ_k a_k² c^k with the Hermite coefficients a_k of φ(√q ·) (300 terms), a
method the Swift code does not use. No closed form and no Gauss rule is shared with it.
30 digits for one unit, 20 for the series. Values are written with 17 significant digits.

Run once from the repository root:  python3 scripts/gen_meanfield_reference.py  (about a minute)
"""
import mpmath as mp

OUT = "Tests/GradscopeCoreTests/Resources/meanfield_reference.csv"


def relu(u):
    return (u if u > 0 else mp.mpf(0)), (mp.mpf(1) if u > 0 else mp.mpf(0))


def tanh(u):
    return mp.tanh(u), 1 / mp.cosh(u) ** 2


def elu(u):
    return (u, mp.mpf(1)) if u > 0 else (mp.expm1(u), mp.exp(u))


ACTIVATIONS = {"tanh": tanh, "relu": relu, "elu": elu}


def gauss(f, mean=0, sd=1):
    """E[f(z)] for z ~ N(0, 1), where f is evaluated at u = mean + sd z; split at u = 0."""
    pdf = lambda z: mp.exp(-z * z / 2) / mp.sqrt(2 * mp.pi)
    points = [-mp.inf, mp.inf]
    if sd > 0:
        k = -mp.mpf(mean) / sd
        # split at the kink u = 0, at z = 0 and at |u − 0| = 1, 2, 4 (the scale where tanh bends)
        splits = [k, mp.mpf(0)] + [k + d / sd for d in (-4, -2, -1, 1, 2, 4)]
        points = [-mp.inf] + sorted(set(p for p in splits if abs(p) < 12)) + [mp.inf]
    return mp.quad(lambda z: f(z) * pdf(z), points)


def mean_square(phi, q):
    s = mp.sqrt(q)
    return gauss(lambda z: phi(s * z)[0] ** 2, 0, s)


def one_unit(phi, q):
    s = mp.sqrt(q)
    square = mean_square(phi, q)
    slopes = gauss(lambda z: phi(s * z)[1] ** 2, 0, s)
    stein = gauss(lambda z: z * phi(s * z)[0] * phi(s * z)[1], 0, s) / s if q > 0 else phi(mp.mpf(0))[1] ** 2
    return square, slopes, stein


def hermite_coefficients(phi, q, which, terms=300):
    """a_k = E[g(√q z) He_k(z)]/√k!, k < terms, g = φ (which = 0) or φ' (which = 1).

    Mehler's formula then gives the two-unit expectations as power series in c:
        E[g(u₁) g(u₂)] = Σ_k a_k² c^k      (u₁, u₂ with variance q and correlation c)
    a one-dimensional computation, independent of the nested quadrature in the Swift code.
    One adaptive quadrature per k; the integrand's values at every node are computed for all
    k at once (normalised Hermite recurrence) and cached.
    """
    s = mp.sqrt(q)
    cache = {}

    def vector(z):
        if z not in cache:
            g = phi(s * z)[which] * mp.exp(-z * z / 2) / mp.sqrt(2 * mp.pi)
            h0, h1 = mp.mpf(1), z
            values = [g * h0, g * h1]
            for k in range(1, terms - 1):
                h0, h1 = h1, (z * h1 - mp.sqrt(k) * h0) / mp.sqrt(k + 1)
                values.append(g * h1)
            cache[z] = values
        return cache[z]

    splits = [mp.mpf(0)] + [d / s for d in (-4, -2, -1, 1, 2, 4) if abs(d / s) < 12]
    points = [-mp.inf] + sorted(set(splits)) + [mp.inf]
    return [mp.quad(lambda z: vector(z)[k], points) for k in range(terms)]


def two_unit_series(coefficients, c):
    return mp.fsum(a * a * c ** k for k, a in enumerate(coefficients))


def fixed_length(phi, w2, b2):
    f = lambda q: w2 * mean_square(phi, q) + b2 - q
    q0 = mp.mpf(1)
    f0 = f(q0)
    lo, hi = q0, q0
    if f0 > 0:
        while True:
            lo, hi = hi, hi * 2
            if hi > 1e30:
                return mp.inf
            if f(hi) <= 0:
                break
    else:
        while True:
            hi, lo = lo, lo / 2
            if lo < mp.mpf(10) ** -40:
                return mp.mpf(0)
            if f(lo) >= 0:
                break
    q = mp.findroot(f, (lo, hi), solver="anderson", tol=mp.mpf(10) ** -28)
    # Below 1e−30 the sign of f is quadrature noise (f ≈ −2q² for tanh at σ_w² = 1): the length decays to 0.
    return q if q > mp.mpf(10) ** -30 else mp.mpf(0)


def point(phi, w2, b2):
    w2, b2 = mp.mpf(w2), mp.mpf(b2)
    q = fixed_length(phi, w2, b2)
    _, slopes, stein = one_unit(phi, q)
    chi1 = w2 * slopes
    chiq = w2 * stein
    c, chic = mp.mpf(1), chi1
    if q > 0 and chi1 > 1:
        old = mp.mp.dps
        mp.mp.dps = 20
        values = hermite_coefficients(phi, q, 0)
        slopes_ = hermite_coefficients(phi, q, 1)
        g = lambda cc: (w2 * two_unit_series(values, cc) + b2) / q - cc
        lo = mp.mpf(0)
        k = 1
        while True:
            hi = 1 - mp.mpf(2) ** -k
            if g(hi) < 0:
                break
            lo = hi
            k += 1
        c = mp.findroot(g, (lo, hi), solver="anderson", tol=mp.mpf(10) ** -18) if g(lo) != 0 else lo
        chic = w2 * two_unit_series(slopes_, c)
        mp.mp.dps = old
    xi = lambda chi: -1 / mp.log(chi) if chi < 1 else mp.inf
    return q, chi1, chiq, c, chic, xi(chiq), xi(chic)


def critical(phi, b2):
    """σ_w² with χ₁ = 1: solve q = σ_w² E[φ²] + σ_b² and σ_w² E[φ'²] = 1 together."""
    b2 = mp.mpf(b2)

    def equations(w2, q):
        square, slopes, _ = one_unit(phi, q)
        return [w2 * square + b2 - q, w2 * slopes - 1]

    w2, q = mp.findroot(equations, (mp.mpf("1.2"), b2 + mp.mpf("0.1")), tol=mp.mpf(10) ** -25)
    return w2


def text(v):
    if v == mp.inf:
        return "inf"
    return mp.nstr(v, 17, min_fixed=-mp.inf, max_fixed=mp.inf) if v != 0 else "0"


POINTS = {
    "tanh": [(0.5, 0), (1, 0), (1.5, 0), (2.5, 0), (0.8, 0.05), (1.5, 0.05), (2, 0.1), (3, 0.25), (1.2, 0.01), (4, 0.5)],
    "relu": [(1, 0.05), (1.5, 0.1), (1.9, 0.25), (2, 0)],
    "elu": [(1.2, 0.05), (1.8, 0.1)],
}

if __name__ == "__main__":
    mp.mp.dps = 30
    lines = ["kind,activation,sigma_w2,sigma_b2,q_star,chi1,chi_q,c_star,chi_c,xi_q,xi_c"]
    for name, grid in POINTS.items():
        for w2, b2 in grid:
            if name == "relu" and w2 == 2 and b2 == 0:
                continue  # every q is fixed: q* is the start value
            values = point(ACTIVATIONS[name], w2, b2)
            lines.append(",".join(["point", name, str(w2), str(b2)] + [text(v) for v in values]))
            print(lines[-1], flush=True)
    for b2 in [0.01, 0.05, 0.1, 0.25]:
        w2 = critical(tanh, b2)
        values = point(tanh, w2, b2)
        lines.append(",".join(["critical", "tanh", text(w2), str(b2)] + [text(v) for v in values]))
        print(lines[-1], flush=True)
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
