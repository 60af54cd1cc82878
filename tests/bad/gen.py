#!/usr/bin/env python3
"""Write the large bad inputs of tests/bad/cases.tsv at test time (they
are never committed).  Usage: gen.py NAME OUTFILE.  Prints nothing."""
import random
import sys

MB = 1 << 20
N6 = 10 ** 6
N5 = 10 ** 5


def bigline(f):
    # 100 MB of plausible Chinese text on one line (no newline at all),
    # every character whole.
    unit = '示例数据保护局于2024年6月3日发布人工智能训练数据指引，示例智能科技公司完成1亿美元融资；'.encode()
    n = (100 * MB) // len(unit)
    f.write(unit * n)


def long_literal(f, close=True):
    text = ('é中a' * (N6 // 3 + 1))[:N6]
    f.write(('<urn:x:long> <http://www.w3.org/2000/01/rdf-schema#label> "%s%s\n'
             % (text, '" .' if close else '')).encode())


def long_iri(f):
    f.write(('<urn:x:%s> <urn:zhitu:p:part_of> <urn:x:b> .\n' % ('a' * N6)).encode())


def deep_parens(f):
    f.write(('FIND ?x WHERE ?x %spart_of%s ?y' % ('(' * N5, ')' * N5)).encode())


def deep_open(f):
    f.write(('FIND ?x WHERE ?x %spart_of' % ('(' * N5)).encode())


def long_name(f):
    f.write(('FIND ?x WHERE ?x a %s' % ('A' * N6)).encode())


def long_var(f):
    v = 'v' * N6
    f.write(('FIND ?%s WHERE ?%s a Law' % (v, v)).encode())


def long_quoted_open(f):
    f.write(('FIND ?x WHERE ?x label "%s' % ('字' * N6)).encode())


def dense_graph(f):
    # 2000 nodes, each with part_of edges to 8 others (a fixed seed, so the
    # graph is the same every run): (part_of|^part_of)* from any node
    # reaches all of them, and over all pairs it is 4 million rows.
    r = random.Random(2024)
    n = 2000
    out = []
    for i in range(n):
        out.append('<urn:x:n%d> <http://www.w3.org/2000/01/rdf-schema#label> "n%d" .' % (i, i))
        for _ in range(8):
            out.append('<urn:x:n%d> <urn:zhitu:p:part_of> <urn:x:n%d> .' % (i, r.randrange(n)))
    f.write(('\n'.join(out) + '\n').encode())


GEN = {
    'bigline.txt': bigline,
    'long-literal.nt': long_literal,
    'long-literal-open.nt': lambda f: long_literal(f, close=False),
    'long-iri.nt': long_iri,
    'deep-parens.zq': deep_parens,
    'deep-open.zq': deep_open,
    'long-name.zq': long_name,
    'long-var.zq': long_var,
    'long-quoted-open.zq': long_quoted_open,
    'dense.nt': dense_graph,
}

if __name__ == '__main__':
    name, path = sys.argv[1], sys.argv[2]
    with open(path, 'wb') as f:
        GEN[name](f)
