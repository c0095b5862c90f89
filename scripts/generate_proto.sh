#!/usr/bin/env bash
# Regenerates Sources/LastmileONNXProto/onnx/*.pb.swift from scripts/proto/onnx/*.proto (copied
# from the onnx 1.19.1 wheel: onnx-ml.proto for models, onnx-data.proto for sequences and maps).
# Run once when the proto changes; the output is committed, so builds never need protoc.
# Needs: protoc (apt protobuf-compiler) and protoc-gen-swift built from the swift-protobuf
# version that Package.swift pins (1.39.0), taken from the local package mirror.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${TMPDIR:-/tmp}/lastmile-protoc-gen-swift
version=1.39.0

command -v protoc >/dev/null || { echo "installing protobuf-compiler"; apt-get install -y -qq protobuf-compiler; }
if [ ! -x "$work/.build/debug/protoc-gen-swift" ]; then
  echo "building protoc-gen-swift $version"
  rm -rf "$work"
  git clone -q https://github.com/apple/swift-protobuf "$work"
  git -C "$work" checkout -q "$version"
  (cd "$work" && swift build --product protoc-gen-swift)
fi
protoc --plugin=protoc-gen-swift="$work/.build/debug/protoc-gen-swift" \
  --swift_opt=Visibility=Public \
  --swift_out="$root/Sources/LastmileONNXProto" \
  -I "$root/scripts/proto" onnx/onnx-ml.proto onnx/onnx-data.proto
echo "wrote Sources/LastmileONNXProto/onnx/"
