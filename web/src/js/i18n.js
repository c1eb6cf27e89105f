// The explorer's own labels in 中文 and English; node names always come from the graph.
const LABELS = {
  skip: ["跳至內容", "Skip to content"],
  home: ["首頁", "Home"],
  paths: ["路徑", "Paths"],
  gaps: ["缺口", "Gaps"],
  plan: ["方案原文", "Plan text"],
  docs: ["API 文件", "API docs"],
  switchTo: ["English", "中文"],
  switchLabel: ["Switch the interface to English", "切換介面為中文"],
  tagline: [
    "《科技支撐碳達峰碳中和實施方案（2022—2030年）》的知識圖譜：技術、示範、目標，每一項都連回方案原文。",
    "A knowledge graph of China's 2022–2030 plan for science and technology in support of carbon peaking and neutrality: technologies, demonstrations and targets, each tied to the plan's own words.",
  ],
  search: ["搜尋", "Search"],
  searchLabel: ["搜尋技術、行業、示範、目標（繁／简／English）", "Search technologies, sectors, demonstrations, targets (繁 / 简 / English)"],
  searchPlaceholder: ["例如 绿氢、CCUS、光儲直柔", "e.g. 绿氢, CCUS, hydrogen"],
  results: ["搜尋結果", "Results"],
  noResults: ["沒有符合的節點。", "Nothing matches."],
  columns: ["方案的專欄", "The plan's columns"],
  timeline: ["目標與時間表", "Goals and targets"],
  gapSummary: ["規劃缺口摘要", "Gap summary"],
  allGaps: ["全部缺口", "All gaps"],
  column: ["專欄", "Column"],
  notFound: ["找不到", "Not found"],
  notFoundText: ["圖譜裡沒有這個節點。試試搜尋：", "The graph has no such node. Try a search:"],
  error: ["錯誤", "Error"],
  loading: ["載入中…", "Loading…"],
  label: ["類別", "Label"],
  trl: ["技術成熟度", "TRL"],
  trlScale: ["IEA 技術成熟度（1–11）", "IEA technology readiness level (1–11)"],
  horizon: ["方案期限", "Horizon"],
  readiness: ["可規模部署", "Ready at scale"],
  carbonClass: ["碳類別", "Carbon class"],
  year: ["年份", "Year"],
  description: ["說明", "Description"],
  planWords: ["方案原文", "The plan's own words"],
  noSources: ["方案原文沒有直接寫到；這是整理補充的知識。", "The plan text does not say this directly; it is curated knowledge."],
  curated: ["整理補充", "Curated"],
  fromPlan: ["方案原文", "From the plan"],
  rationale: ["理由", "Rationale"],
  openInPlan: ["在原文中查看", "Open in the plan text"],
  neighbourhood: ["鄰近節點", "Neighbourhood"],
  neighbourList: ["鄰近節點列表", "Neighbours as a list"],
  graphOf: ["關係圖：", "Graph of "],
  relationship: ["關係", "Relationship"],
  direction: ["方向", "Direction"],
  node: ["節點", "Node"],
  thisNode: ["本節點", "this node"],
  chains: ["依賴鏈", "Chains"],
  impact: ["若停滯", "If it stalls"],
  upstream: ["上游（它需要的）", "Upstream (what it needs)"],
  downstream: ["下游（需要它的）", "Downstream (what needs it)"],
  depth: ["深度", "Depth"],
  maxDepth: ["最大深度", "Max depth"],
  essential: ["必要", "essential"],
  enabling: ["促進", "enabling"],
  includeEnabling: ["也算促進性（非必要）依賴", "Include enabling (non-essential) dependencies"],
  necessity: ["必要性", "Necessity"],
  noDeps: ["沒有依賴。", "No dependencies."],
  from: ["起點", "From"],
  to: ["終點", "To"],
  shortest: ["最短路徑", "Shortest paths"],
  simple: ["簡單路徑", "Simple paths"],
  maxHops: ["最多步數", "Max hops"],
  find: ["尋找", "Find"],
  pathsFound: ["找到的路徑", "Paths found"],
  noPath: ["沒有路徑。", "No path."],
  pickBoth: ["先選起點和終點。", "Pick both ends first."],
  length: ["長度", "Length"],
  draw: ["繪製", "Draw"],
  impactTitle: ["若這項技術停滯", "If this technology stalls"],
  technologies: ["技術", "Technologies"],
  demonstrations: ["示範項目", "Demonstrations"],
  milestones: ["目標", "Milestones"],
  chain: ["鏈", "Chain"],
  nothingHeld: ["沒有其他項目受影響。", "Nothing else is held up."],
  check: ["檢查", "Check"],
  findings: ["發現", "Findings"],
  filter: ["篩選", "Filter"],
  filterLabel: ["以文字篩選發現", "Filter findings by text"],
  allChecks: ["全部檢查", "All checks"],
  downloadCsv: ["下載 CSV", "Download CSV"],
  downloadJson: ["下載 JSON", "Download JSON"],
  downloadReport: ["下載報告", "Download the report"],
  why: ["原因", "Why"],
  milestoneChains: ["通往此目標的技術鏈", "Chains leading to this milestone"],
  weakest: ["最弱一環", "weakest link"],
  noChains: ["沒有技術鏈通往這個目標。", "No chain leads to this milestone."],
  planIntro: [
    "方案全文；標示的文字是圖譜引用的段落，灰色段落沒有被引用。選取標示文字可看引用它的節點與關係。",
    "The whole plan; marked text is cited by the graph, greyed paragraphs by nothing. Select marked text to see the nodes and relationships that cite it.",
  ],
  citedBy: ["引用這段文字的", "Cited by"],
  selectSpan: ["選取一段標示文字。", "Select a marked passage."],
  spans: ["引用段落", "cited passages"],
  uncited: ["未被引用", "not cited"],
  shownOf: ["顯示", "showing"],
  of: ["／", "of"],
  peak: ["碳達峰", "Peak"],
  neutrality: ["碳中和", "Neutrality"],
  columnCcus: ["CCUS、碳匯", "CCUS and carbon sinks"],
  columnPedf: ["光儲直柔建築", "PEDF buildings"],
  columnH2: ["綠氫", "Green hydrogen"],
  columnStorage: ["前沿儲能", "Frontier storage"],
  openChains: ["看依賴鏈", "See its chains"],
  openImpact: ["若它停滯", "If it stalls"],
  openMilestone: ["通往的技術鏈", "Chains to it"],
};

const KEY = "ckg.lang";
let lang = localStorage.getItem(KEY) === "en" ? "en" : "zh";

export function t(key) {
  const pair = LABELS[key];
  if (!pair) throw new Error(`no label ${key}`);
  return lang === "en" ? pair[1] : pair[0];
}

export function currentLang() {
  return lang;
}

export function toggleLang() {
  lang = lang === "en" ? "zh" : "en";
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang === "en" ? "en" : "zh-Hant";
}

export function applyLang() {
  document.documentElement.lang = lang === "en" ? "en" : "zh-Hant";
}
