"""Benchmarks for the series: notebooks against a bare kernel, import time, install cost, text scaling."""
