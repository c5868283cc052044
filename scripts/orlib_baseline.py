#!/usr/bin/env python3
"""The rules baseline of an OR-Library cap* file, computed from the .txt alone (not from the
imported batch, and sharing no code with solver/baseline/rules.c), to check the solver's baseline
on the canonical instances: instances/baseline.tsv records what this prints.

The rules (README, "Savings against the rules") on a facility location file: customers in file
order; each goes whole to the warehouse with room for all of its demand whose allocation cost is
least (the first listed on a tie: all deliveries take 0 days); when none has room, again and again
to the warehouse that can take the most of what is left (then the cheapest for those units). A
warehouse's fixed cost is paid once it serves anyone. Usage: orlib_baseline.py capNN.txt"""
import sys


def read(path):
    tokens = open(path).read().split()
    m, n = int(tokens[0]), int(tokens[1])
    at = 2
    capacity, fixed = [], []
    for _ in range(m):
        capacity.append(int(tokens[at]))
        fixed.append(float(tokens[at + 1]))
        at += 2
    demand, cost = [], []
    for _ in range(n):
        demand.append(int(tokens[at]))
        cost.append([float(t) for t in tokens[at + 1:at + 1 + m]])
        at += 1 + m
    return capacity, fixed, demand, cost


def baseline(capacity, fixed, demand, cost):
    room = list(capacity)
    used = [False] * len(capacity)
    total = 0.0
    for j, d in enumerate(demand):
        left, taken = d, set()
        while left > 0:
            best = None
            for i, r in enumerate(room):
                units = min(left, r)
                if i in taken or units <= 0:
                    continue
                price = cost[j][i] / d * units
                key = (-units, price)
                if best is None or key < best[0]:
                    best = (key, i, units, price)
            if best is None:
                raise SystemExit("customer %d cannot be served" % (j + 1))
            _, i, units, price = best
            room[i] -= units
            left -= units
            taken.add(i)
            total += price
            used[i] = True
    return total + sum(f for f, u in zip(fixed, used) if u)


if __name__ == "__main__":
    print("%.6f" % baseline(*read(sys.argv[1])))
