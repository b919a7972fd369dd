// Builds a tiny BERT-style ONNX encoder in the folder layout transformers.js loads local models from,
// so the real transformers path (tokenizer, onnxruntime-node session, pooling) runs in tests without any download.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { seededRandom } from './seeded-random.js';

/** The subset of onnx.proto (github.com/onnx/onnx, proto2, same field numbers) that a small inference graph needs. */
const ONNX_PROTO = `
syntax = "proto2";
package onnx;
message AttributeProto {
  enum AttributeType { UNDEFINED = 0; FLOAT = 1; INT = 2; STRING = 3; TENSOR = 4; FLOATS = 6; INTS = 7; }
  optional string name = 1;
  optional AttributeType type = 20;
  optional float f = 2;
  optional int64 i = 3;
  optional bytes s = 4;
  optional TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
}
message ValueInfoProto { optional string name = 1; optional TypeProto type = 2; }
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  optional string domain = 7;
  repeated AttributeProto attribute = 5;
}
message ModelProto {
  optional int64 ir_version = 1;
  repeated OperatorSetIdProto opset_import = 8;
  optional string producer_name = 2;
  optional GraphProto graph = 7;
}
message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message TensorProto {
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  repeated int64 int64_data = 7 [packed = true];
  optional string name = 8;
  optional bytes raw_data = 9;
}
message TensorShapeProto {
  message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { optional int32 elem_type = 1; optional TensorShapeProto shape = 2; }
  oneof value { Tensor tensor_type = 1; }
}
message OperatorSetIdProto { optional string domain = 1; optional int64 version = 2; }
`;

const FLOAT = 1;
const INT64 = 7;
const ATTRIBUTE_INT = 2;
const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
/** Enough words for the tests' sentences and BGE's query prefix; anything else becomes [UNK]. */
const WORDS = (
  'represent this sentence for searching relevant passages : the a of to and can what under act online safety ' +
  'ofcom fine fines x grok ban uk us regulator platform image images children million £ % 18 10 ? . , ##s ##ing ##ed'
).split(' ');

export interface TinyModel {
  /** Pass as `modelDir`: the folder transformers.js treats as `env.localModelPath`. */
  modelDir: string;
  /** The model id, a folder under `modelDir`. */
  modelId: string;
  hidden: number;
  /** Longest input in tokens; longer texts are truncated by the tokenizer. */
  maxTokens: number;
}

export interface TinyModelOptions {
  /** Defaults to a fresh temp folder. */
  modelDir?: string;
  modelId?: string;
  hidden?: number;
}

/**
 * Writes `<modelDir>/<modelId>/{config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx}`.
 * The graph: token + token-type embeddings, plus the masked mean of the sequence (so the [CLS] position
 * depends on every token, as in a real encoder), then a dense layer and tanh -> `last_hidden_state` [batch, seq, hidden].
 */
export async function buildTinyModel(options: TinyModelOptions = {}): Promise<TinyModel> {
  const modelDir = options.modelDir ?? (await mkdtemp(join(tmpdir(), 'remit-tiny-model-')));
  const modelId = options.modelId ?? 'remit-test/tiny-bert';
  const hidden = options.hidden ?? 32;
  const maxTokens = 64;
  const vocab = [...SPECIAL_TOKENS, ...WORDS];
  const folder = join(modelDir, modelId);
  await mkdir(join(folder, 'onnx'), { recursive: true });
  await Promise.all([
    writeFile(join(folder, 'onnx', 'model.onnx'), encodeModel(vocab.length, hidden)),
    writeJson(join(folder, 'config.json'), {
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: hidden,
      vocab_size: vocab.length,
      num_hidden_layers: 1,
      num_attention_heads: 1,
      intermediate_size: hidden,
      max_position_embeddings: maxTokens,
      type_vocab_size: 2,
      pad_token_id: 0,
    }),
    writeJson(join(folder, 'tokenizer.json'), tokenizerJson(vocab)),
    writeJson(join(folder, 'tokenizer_config.json'), {
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: maxTokens,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
      clean_up_tokenization_spaces: true,
    }),
  ]);
  return { modelDir, modelId, hidden, maxTokens };
}

const writeJson = (path: string, value: unknown) => writeFile(path, JSON.stringify(value, null, 2));

/** A standard Hugging Face `tokenizers` WordPiece (BERT uncased) definition over `vocab`. */
function tokenizerJson(vocab: readonly string[]) {
  const id = (token: string) => vocab.indexOf(token);
  const special = (token: string) => ({ id: token, type_id: 0 });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: special('[CLS]') }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: special('[SEP]') }],
      pair: [
        { SpecialToken: special('[CLS]') },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: special('[SEP]') },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((token, i) => [token, i])),
    },
  };
}

function encodeModel(vocabSize: number, hidden: number): Uint8Array {
  const root = protobuf.parse(ONNX_PROTO, { keepCase: true }).root;
  const ModelProto = root.lookupType('onnx.ModelProto');
  const random = seededRandom(20240611);
  const weights = (...dims: number[]) => Float32Array.from({ length: dims.reduce((a, b) => a * b) }, () => random() * 2 - 1);
  const floatTensor = (name: string, dims: number[], data: Float32Array) => ({
    name,
    dims,
    data_type: FLOAT,
    raw_data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  });
  const int64Tensor = (name: string, values: number[]) => ({ name, dims: [values.length], data_type: INT64, int64_data: values });
  const tokenInput = (name: string) => ({
    name,
    type: { tensor_type: { elem_type: INT64, shape: { dim: [{ dim_param: 'batch_size' }, { dim_param: 'sequence_length' }] } } },
  });
  const node = (op_type: string, input: string[], output: string, attribute: object[] = []) => ({
    op_type,
    input,
    output: [output],
    name: output,
    attribute,
  });

  const model = {
    ir_version: 8,
    producer_name: 'remit-tiny-model',
    opset_import: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny-bert',
      input: [tokenInput('input_ids'), tokenInput('attention_mask'), tokenInput('token_type_ids')],
      output: [
        {
          name: 'last_hidden_state',
          type: {
            tensor_type: {
              elem_type: FLOAT,
              shape: { dim: [{ dim_param: 'batch_size' }, { dim_param: 'sequence_length' }, { dim_value: hidden }] },
            },
          },
        },
      ],
      initializer: [
        floatTensor('word_embeddings', [vocabSize, hidden], weights(vocabSize, hidden)),
        floatTensor('token_type_embeddings', [2, hidden], weights(2, hidden)),
        floatTensor('dense_weight', [hidden, hidden], weights(hidden, hidden)),
        floatTensor('dense_bias', [hidden], weights(hidden)),
        int64Tensor('last_axis', [2]),
        int64Tensor('sequence_axis', [1]),
      ],
      node: [
        node('Gather', ['word_embeddings', 'input_ids'], 'words'),
        node('Gather', ['token_type_embeddings', 'token_type_ids'], 'types'),
        node('Add', ['words', 'types'], 'embedded'),
        node('Cast', ['attention_mask'], 'mask', [{ name: 'to', type: ATTRIBUTE_INT, i: FLOAT }]),
        node('Unsqueeze', ['mask', 'last_axis'], 'mask3'),
        node('Mul', ['embedded', 'mask3'], 'masked'),
        node('ReduceSum', ['masked', 'sequence_axis'], 'summed'),
        node('ReduceSum', ['mask3', 'sequence_axis'], 'counted'),
        node('Div', ['summed', 'counted'], 'context'),
        node('Add', ['embedded', 'context'], 'mixed'),
        node('MatMul', ['mixed', 'dense_weight'], 'projected'),
        node('Add', ['projected', 'dense_bias'], 'biased'),
        node('Tanh', ['biased'], 'last_hidden_state'),
      ],
    },
  };
  const problem = ModelProto.verify(model);
  if (problem) throw new Error(`Tiny ONNX model does not match the schema: ${problem}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

