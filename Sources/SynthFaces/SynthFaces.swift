// The SynthFaces layer: see README "Code layout".
