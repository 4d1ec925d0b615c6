"""`tf1compat-convert`: a TF1 checkpoint's RNN as a native Keras 3 model file, or its inventory.

    tf1compat-convert CKPT --list
    tf1compat-convert CKPT [--scope rnn] --out model.keras       # or model.weights.h5
"""

import argparse
import sys

import keras

from tf1compat.convert.checkpoint import describe, keras_rnn, load_tf1_checkpoint

EXIT_OK, EXIT_ERROR = 0, 2


def build_parser():
    parser = argparse.ArgumentParser(
        prog="tf1compat-convert",
        description="Convert the RNN of a TF1 checkpoint to a native Keras 3 model, exactly "
                    "(no tf1compat needed to load it).",
        epilog="The saved model takes [inputs, mask]: batch-major inputs [batch, time, depth] and "
               "mask = tf.sequence_mask(lengths, time); it returns TF1's dynamic_rnn outputs and "
               "final states (LSTM states as [h, c]).")
    parser.add_argument("checkpoint", help="TF1 checkpoint prefix (as Saver.save wrote it)")
    parser.add_argument("--list", action="store_true",
                        help="print the RNN variables, their shapes and the inferred cell per scope")
    parser.add_argument("--scope", default="rnn",
                        help="variable scope of the RNN (default: rnn; e.g. encoder/rnn, "
                             "bidirectional_rnn)")
    parser.add_argument("--cell", help="TF1 cell type when the names are ambiguous "
                                       "(BasicLSTMCell, LSTMCell, GRUCell, GRUBlockCell, BasicRNNCell)")
    parser.add_argument("--forget-bias", type=float, default=1.0,
                        help="the LSTM's forget_bias (TF1 never stored it; default 1.0)")
    parser.add_argument("--out", help="write a Keras model (.keras) or its weights (.weights.h5)")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    if not args.list and not args.out:
        print("tf1compat-convert: give --list or --out FILE", file=sys.stderr)
        return EXIT_ERROR
    try:
        if args.list:
            _print_inventory(args.checkpoint)
        if args.out:
            _write_model(args)
    except ValueError as error:
        print(f"tf1compat-convert: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _print_inventory(checkpoint):
    inventory = describe(checkpoint)
    if not inventory:
        print(f"{checkpoint}: no RNN cell variables found")
    for scope, cells in sorted(inventory.items()):
        print(f"scope {scope or '(root)'}:")
        for kind, variables in cells:
            print(f"  {kind}")
            for name, shape in variables:
                print(f"    {name} {list(shape)}")


def _write_model(args):
    if not args.out.endswith((".keras", ".weights.h5")):
        raise ValueError(f"--out must end in .keras or .weights.h5. Received: --out {args.out}")
    converted = load_tf1_checkpoint(args.checkpoint, args.scope, cell=args.cell,
                                    forget_bias=args.forget_bias)
    layer = keras_rnn(converted)
    if isinstance(layer, keras.layers.Bidirectional):
        forward, backward = layer.forward_layer.cell, layer.backward_layer.cell
        if forward.state_size != backward.state_size:
            raise ValueError(
                "Keras 3's Bidirectional cannot be saved with different forward and backward "
                f"cells (its output shapes assume equal directions). Received: forward state "
                f"sizes {forward.state_size}, backward {backward.state_size}. Use "
                "tf1compat.convert.keras_rnn(checkpoint, scope=...) in Python instead.")
        depth = forward.weights[0].shape[0]
    else:
        depth = converted.cell.weights[0].shape[0]
    inputs = keras.Input((None, depth), name="inputs")
    mask = keras.Input((None,), dtype="bool", name="mask")
    model = keras.Model([inputs, mask], layer(inputs, mask=mask), name="tf1_rnn")
    if args.out.endswith(".keras"):
        model.save(args.out)
    else:
        model.save_weights(args.out)
    print(f"wrote {args.out}: {' + '.join(converted.kinds)} from scope {args.scope!r} "
          f"(input depth {depth}); skipped {len(converted.skipped)} other variables")


if __name__ == "__main__":
    sys.exit(main())
