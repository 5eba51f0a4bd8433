extension ModelConfiguration {
    /// Floats per token and layer of the cached keys and of the cached values.
    var cachedWidths: (keys: Int, values: Int) {
        if let latent = latentAttention { return (latent.cachedWidth, 0) }
        let width = keyValueHeadCount * headDimension
        return (width, width)
    }

    /// Bytes of f32 the key-value cache stores per token, over all layers (sliding layers keep
    /// at most their window).
    public var keyValueCacheBytesPerToken: Int {
        let (keys, values) = cachedWidths
        return layerCount * (keys + values) * MemoryLayout<Float>.size
    }

    /// Bytes per token of the full per-head keys and values the cache stands for: for latent
    /// attention, `heads · (qk_nope + qk_rope + v_head)` floats per layer, as a cache of the
    /// expanded keys and values would hold; otherwise the same as `keyValueCacheBytesPerToken`.
    public var expandedKeyValueBytesPerToken: Int {
        guard let latent = latentAttention else { return keyValueCacheBytesPerToken }
        let perLayer = attentionHeadCount * (latent.queryKeyHeadDimension + latent.valueHeadDimension)
        return layerCount * perLayer * MemoryLayout<Float>.size
    }
}
