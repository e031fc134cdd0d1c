/**
 * The text of the district's 隐私保护指引, in plain Chinese. The operator's name and contact come from
 * the build (`CIVIC_OPERATOR`, docs/deploy.md); without it the demo's, marked as such on the page and
 * refused by `npm run check:weapp` for a release build. Keep this in step with the guide declared in
 * the mp backend (用户隐私保护指引), and raise PRIVACY_POLICY_VERSION (src/privacy.ts) when what is
 * collected or why changes.
 */
export interface PolicySection {
  title: string
  paragraphs?: string[]
  /** Term and explanation, e.g. what is collected and why. */
  items?: [string, string][]
}

export interface Operator {
  name: string
  address: string
  phone: string
  email: string
}

/** The demo district's invented operator (its e-mail domain is a reserved example one). */
export const DEMO_OPERATOR: Operator = {
  name: '示范区精神文明建设办公室（区文明办）',
  address: '示范区人民路 1 号区委大院 3 号楼 302 室',
  phone: '0393-0000000（工作日 9:00–17:00）',
  email: 'privacy@wenming.example.cn'
}

/** The build's operator (`CIVIC_OPERATOR`), field by field over the demo's. */
export function operatorFrom(json: string): Operator {
  try {
    const given = json ? (JSON.parse(json) as Partial<Operator>) : {}
    const pick = (k: keyof Operator) => (typeof given[k] === 'string' && given[k]!.trim() ? given[k]!.trim() : DEMO_OPERATOR[k])
    return { name: pick('name'), address: pick('address'), phone: pick('phone'), email: pick('email') }
  } catch {
    return DEMO_OPERATOR
  }
}

export const OPERATOR: Operator = operatorFrom(typeof OPERATOR_INFO === 'string' ? OPERATOR_INFO : '')
/** Still the demo's contact: the page says so (a release build must set CIVIC_OPERATOR). */
export const OPERATOR_IS_DEMO = OPERATOR.email === DEMO_OPERATOR.email

export const POLICY: PolicySection[] = [
  {
    title: '一、谁负责处理您的信息',
    paragraphs: [
      `「文明家园」由${OPERATOR.name}运营，区文明办是本指引所说个人信息的处理者。各镇街、村居和职能单位的工作人员只按本指引的用途查看和处理与其工作有关的信息。`,
      '我们只收集办事需要的信息，不获取您的微信号、手机号和通讯录，不把您的信息用于广告，也不出售给任何人。'
    ]
  },
  {
    title: '二、我们收集什么、为什么',
    items: [
      ['位置', '您上报问题时，用于标注问题发生的地点、确定问题所在的村居和负责单位，并查找附近的同类问题（「我也遇到」）；参加志愿活动签到时，用于确认您在活动现场。只在您使用这些功能时获取，不在后台持续定位。'],
      ['照片', '您拍摄或从相册选择的照片，作为上报问题或整改结果的凭证。上传时自动去除照片里的拍摄地点（GPS）、时间和设备等 EXIF 信息。'],
      ['昵称和所在村居', '显示在志愿时长排行榜上，并供工作人员办理上报、统计村居成绩时查看。您可以随时修改。'],
      ['真实姓名', '只在您申请志愿服务证明时填写，只显示在证明上，并提供给该活动的组织者核对，不在其他地方显示。他人凭证书编号核验证明时，只看到隐去中间字的姓名（如 张*明）。'],
      ['上报及办理记录', '上报的类别、描述、照片和位置，以及受理、派单、办结、评价的时间线，用于办理问题，并作为文明城市创建的工作记录。'],
      ['志愿报名和时长', '报名、候补、签到签退时间和认证的服务时长，用于组织活动、累计时长和出具志愿服务证明。'],
      ['消息', '告知您上报的办理进度和活动变化的站内消息；微信订阅消息只在您同意订阅后发送。'],
      ['账号标识', '微信为本小程序分配的 OpenID，用于识别您的账号。']
    ]
  },
  {
    title: '三、哪些内容公开，匿名上报',
    paragraphs: [
      '为了让大家看到问题是否得到解决，上报问题的类别、描述、照片、位置、整改前后的照片和办理进度会在「身边的随手拍」和地图中向其他居民公开；文明点赞经审核通过后在点赞墙展示。公开内容不包括上报人的昵称、评价留言和任何账号标识。',
      '其他居民看不到任何一条上报是谁提交的。上报时选择「匿名」，处理该问题的工作人员也看不到您的昵称，公开内容中也不显示您填写的地址，只有您自己能在「我的上报」中看到。'
    ]
  },
  {
    title: '四、保存多久',
    items: [
      ['上报及办理记录', '作为创建工作记录保存 5 年，期满后删除或去除身份信息。'],
      ['志愿报名和时长', '保存 5 年，以便您随时查询和出具证明。'],
      ['站内消息', '保存 1 年。'],
      ['昵称、所在村居和真实姓名', '保存到您修改、删除或注销账号为止。']
    ],
    paragraphs: ['信息保存在中国境内的微信云开发服务中，通过加密连接传输，只有经授权的工作人员才能查看。']
  },
  {
    title: '五、您的权利',
    paragraphs: ['依照《中华人民共和国个人信息保护法》，您有权：'],
    items: [
      ['查看', '在「我的」中查看您的资料、积分、志愿时长，在「我的上报」「我的志愿」中查看您的记录；在「我的 › 编辑资料 › 我的个人信息」中查看本系统保存的您的全部信息。'],
      ['更正', '在「我的 › 编辑资料」中修改昵称、所在村居和真实姓名；其他信息有误的，联系我们更正。'],
      ['删除和注销账号', '您可以在“我的 → 编辑资料 → 我的个人信息”中查看本系统记录的您的信息，并自行注销账号，也可以联系我们办理。注销后，您的昵称、所在村居、真实姓名和消息会被删除；已经提交的上报和已认证的志愿时长作为工作记录保留，但会去除与您身份有关的信息，不再能对应到您。'],
      ['撤回同意', '您可以在微信「设置 › 隐私」中关闭位置、相册等授权；关闭后，需要这些信息的功能将无法使用，其他功能不受影响。']
    ]
  },
  {
    title: '六、联系我们',
    paragraphs: [
      `运营者：${OPERATOR.name}`,
      `地址：${OPERATOR.address}`,
      `电话：${OPERATOR.phone}`,
      `邮箱：${OPERATOR.email}`,
      '我们会在 15 个工作日内答复您的请求。本指引更新时，我们会在您下次打开「文明家园」时请您重新阅读并同意。'
    ]
  }
]
