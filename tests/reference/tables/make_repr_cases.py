"""Reference spellings of doubles as Python writes them (repr, which pandas' to_csv uses).

Writes repr_cases.csv: the IEEE-754 bit pattern of each double (hex) and Python's repr of it.
Run with Debian's /usr/bin/python3; the test reads the committed output.
"""
import math
import random
import struct
import sys

values = [0.1, 0.2, 0.3, 1.0, -1.0, 2.5, 100.0, 1e15, 1e16, 1.5e16, 123456789012345678.0,
          0.0001, 0.00001, 1e-5 * 3, 1e-300, 5e-324, 2.2250738585072014e-308, sys.float_info.max,
          -sys.float_info.max, 1 / 3, 2 / 3, math.pi, math.e, 9007199254740993.0, 1e22, 1e21, 1e-7,
          123.456, 0.5, 1e100, 4.35, 0.07, 1234567.0, 1.7976931348623157e308, 3e-5, 99999999999999.99]
rng = random.Random(20261121)
for _ in range(300):
    values.append(struct.unpack('<d', struct.pack('<Q', rng.getrandbits(64)))[0])
for _ in range(300):
    values.append(rng.uniform(-1, 1) * 10 ** rng.randint(-12, 20))
for _ in range(100):
    values.append(float(rng.randint(-10**6, 10**6)))

with open(sys.argv[1] if len(sys.argv) > 1 else 'repr_cases.csv', 'w') as out:
    out.write('bits,repr\n')
    for v in values:
        if math.isnan(v) or math.isinf(v):
            continue
        bits = struct.unpack('<Q', struct.pack('<d', v))[0]
        out.write(f'{bits:016x},{v!r}\n')
