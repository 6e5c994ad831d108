#include "hash.h"
#include <string.h>

uint64_t hash_bytes(const char *p, size_t n)
{
    const uint64_t m = 0x9E3779B97F4A7C15u;
    uint64_t h = 0xC2B2AE3D27D4EB4Fu ^ (uint64_t)n * m, w;
    while (n >= 8) {
        memcpy(&w, p, 8);
        h = (h ^ (w * m)) * 0xBF58476D1CE4E5B9u;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    w = 0;
    if (n)
        memcpy(&w, p, n);
    h = (h ^ (w * m)) * 0x94D049BB133111EBu;
    return h ^ (h >> 31);
}

uint64_t hash_mix(uint64_t h, uint64_t x)
{
    h ^= x + 0x9E3779B97F4A7C15u + (h << 6) + (h >> 2);
    h *= 0xBF58476D1CE4E5B9u;
    return h ^ (h >> 31);
}
